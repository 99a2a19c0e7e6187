package io.enhancer.connector.dam.s3;

import io.enhancer.connector.dam.AssetStoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3's answers in the store's terms: a message naming the object, and whether trying the job again can help. */
final class S3Errors {
  private S3Errors() {}

  /**
   * @param action     what the connector was doing, e.g. "read original"
   * @param permission the IAM action it needs for that, e.g. "s3:GetObject"
   */
  static AssetStoreException translate(SdkException e, String action, S3Location location, String permission) {
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      String answer = "S3 answered " + status + (code == null ? "" : " " + code);
      if (status == 404) {
        return new AssetStoreException("cannot " + action + " " + location + ": it does not exist (" + answer + ")",
            false, e);
      }
      if (status == 403) {
        // without s3:ListBucket S3 hides whether a key exists: a missing key is also answered 403
        String orMissing = permission.equals("s3:GetObject") ? ", or it does not exist and s3:ListBucket is not granted"
            : "";
        return new AssetStoreException("cannot " + action + " " + location + ": access denied (" + answer
            + "); the connector's credentials need " + permission + " on it" + orMissing, false, e);
      }
      boolean retryable = status >= 500 || status == 429;
      return new AssetStoreException("cannot " + action + " " + location + ": " + answer, retryable, e);
    }
    String cause = e instanceof SdkClientException && e.getMessage() != null ? e.getMessage() : e.toString();
    return new AssetStoreException("cannot " + action + " " + location + ": S3 unreachable (" + cause + ")", true, e);
  }
}

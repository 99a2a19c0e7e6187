package io.enhancer.connector.dam.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The synchronous S3 client the store uses, built from the settings. */
public final class S3Clients {
  private S3Clients() {}

  /** {@code timeout} bounds each attempt (one original or rendition); connecting gets at most 10 s of it. */
  public static S3Client create(S3Properties settings, Duration timeout) {
    Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(timeout))
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials(settings))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout));
    boolean aws = settings.endpoint().isEmpty();
    if (!aws) {
      // S3-compatible servers often mishandle the SDK's streaming uploads (aws-chunked bodies, signed chunks or a
      // checksum trailer: s3rver stores the chunk framing as content): send plain signed bodies, and checksums only
      // where the API requires one. AWS itself keeps the SDK's defaults.
      builder.endpointOverride(URI.create(settings.endpoint()))
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    builder.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle())
        .chunkedEncodingEnabled(aws).build());
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Properties settings) {
    if (!settings.accessKeyId().isEmpty()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
          settings.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}

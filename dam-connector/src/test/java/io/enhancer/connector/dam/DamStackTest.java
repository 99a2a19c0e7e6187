package io.enhancer.connector.dam;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.TestInfra;
import io.enhancer.connector.dam.directus.DirectusAssetStore;
import io.enhancer.connector.dam.directus.DirectusClient;
import io.enhancer.connector.dam.s3.S3AssetStore;
import io.enhancer.connector.dam.s3.S3Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 and Directus configured together: DamConfig stacks both over the local folder and each serves only its own
 * references, in either order. Only calls that reach neither server are made here (the S3 and Directus tests cover
 * those against real servers).
 */
class DamStackTest {
  static final String CDN = "https://d111111abcdef8.cloudfront.net";
  @TempDir Path root;

  @Test
  void eachDamServesItsOwnReferencesWhicheverLayerIsOutermost() throws Exception {
    byte[] photo = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    LocalFolderAssetStore local = new LocalFolderAssetStore(root);
    Files.createDirectories(local.originals().resolve("inbox"));
    Files.write(local.originals().resolve("inbox/a1-shelf.jpg"), photo);
    try (S3Client client = S3Client.builder().region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
      AssetStoreLayer s3 = next -> new S3AssetStore(client, new S3Layout("photos", "incoming/", "photos", "enhanced/"),
          CDN, 1_000_000, next);
      DirectusClient directusClient = new DirectusClient("http://127.0.0.1:9", "token", Duration.ofSeconds(1),
          JsonMapper.builder().build());
      AssetStoreLayer directus = next -> new DirectusAssetStore(directusClient, next, "enhanced", "enhanced");

      for (List<AssetStoreLayer> order : List.of(List.of(s3, directus), List.of(directus, s3))) {
        AssetStore store = stack(local, order);
        assertThat(store.readOriginal("inbox/a1-shelf.jpg")).isEqualTo(photo);
        String localKey = store.writeRendition("local/inbox/a1-shelf.jpg", 1, "task-1", photo, "jpg");
        assertThat(store.readRendition(localKey)).isEqualTo(photo);
        assertThat(store.publicUrl(localKey)).isEmpty();
        assertThat(store.publicUrl("s3://photos/enhanced/dairy/milk.jpg/v2.jpg"))
            .hasValue(CDN + "/enhanced/dairy/milk.jpg/v2.jpg");
        assertThat(store.publicUrl("directus_files/9a1c-44@v1")).isEmpty();
        assertThat(store.isOwnRendition("s3://photos/enhanced/dairy/milk.jpg/v2.jpg")).isTrue();
        assertThat(store.isOwnRendition("s3://photos/incoming/dairy/milk.jpg")).isFalse();
        assertThat(store.isOwnRendition("directus_files/9a1c-44")).isFalse();
      }
    }
  }

  private static AssetStore stack(LocalFolderAssetStore local, List<AssetStoreLayer> layers) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    for (int i = 0; i < layers.size(); i++) beans.registerSingleton("layer" + i, layers.get(i));
    return new DamConfig().assetStore(local, beans.getBeanProvider(AssetStoreLayer.class));
  }
}

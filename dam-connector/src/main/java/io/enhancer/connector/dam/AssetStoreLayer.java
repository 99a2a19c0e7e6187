package io.enhancer.connector.dam;

/**
 * A DAM adapter that serves its own references and hands every other one to the next store. Each configured DAM
 * (Directus, S3) contributes one as a bean; {@link DamConfig} stacks them over the local folder, so several DAMs
 * work side by side. Their order does not matter: no two claim the same references.
 */
@FunctionalInterface
public interface AssetStoreLayer {
  AssetStore over(AssetStore next);
}

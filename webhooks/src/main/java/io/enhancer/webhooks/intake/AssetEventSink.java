package io.enhancer.webhooks.intake;

public interface AssetEventSink { void accept(AssetEvent event); }   // enqueue only

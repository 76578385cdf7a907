package io.tongxing.server.risk;

import io.tongxing.server.pass.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The boundaries of the region's counties, vendored GeoJSON on the class path
 * ({@code geo/<region code>.geojson}, see geo/README.md), read once and served as they are.
 */
public final class CountyMap {

  private final Vertx vertx;
  private final String resource;
  private Future<Buffer> boundaries;

  public CountyMap(Vertx vertx, String regionCode) {
    this.vertx = vertx;
    this.resource = "geo/" + regionCode + ".geojson";
  }

  /** The GeoJSON text, or a 404 {@code COUNTY_MAP_NOT_AVAILABLE} for a region without vendored boundaries. */
  public synchronized Future<Buffer> boundaries() {
    if (boundaries == null) {
      boundaries = CountyMap.class.getClassLoader().getResource(resource) == null
        ? Future.failedFuture(Refusal.notFound("COUNTY_MAP_NOT_AVAILABLE", "region"))
        : vertx.fileSystem().readFile(resource);
    }
    return boundaries;
  }
}

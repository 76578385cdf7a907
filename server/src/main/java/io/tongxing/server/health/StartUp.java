package io.tongxing.server.health;

/**
 * Whether the node has done what it was started to do before taking traffic: seeding the demo data
 * of {@code --demo} (config {@code demo-data}). Until then {@code /health} and {@code /health/ready}
 * answer 503 STARTING, so a load balancer, a script or a browser waiting for "ready" finds the data
 * there. One per node, shared by its HTTP verticles.
 */
public final class StartUp {

  private volatile boolean done;

  /** Done at once unless the node has demo data to seed first. */
  public StartUp(boolean seedsDemoData) {
    this.done = !seedsDemoData;
  }

  public void done() {
    done = true;
  }

  public boolean isDone() {
    return done;
  }
}

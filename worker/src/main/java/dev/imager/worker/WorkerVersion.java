package dev.imager.worker;

/** The imager version this worker runs, from the jar manifest ("dev" when run from classes). */
public final class WorkerVersion {

    private WorkerVersion() {
    }

    public static String current() {
        String v = WorkerVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

package dev.imager.protocol.process;

/**
 * The imager version this process runs, from the jar manifest's {@code Implementation-Version} ("dev" when run
 * from classes). Workers send it in every heartbeat; the coordinator puts it in the report and the status service.
 */
public final class ImagerVersion {

    private ImagerVersion() {
    }

    public static String current() {
        String v = ImagerVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

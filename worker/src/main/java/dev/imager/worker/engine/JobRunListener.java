package dev.imager.worker.engine;

/** Told when every request of a job has ended in an outcome. */
@FunctionalInterface
public interface JobRunListener {

    /** Called once per job, on an event loop: do not block. */
    void jobFinished(JobRun run);
}

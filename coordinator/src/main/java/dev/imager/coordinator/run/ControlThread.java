package dev.imager.coordinator.run;

import dev.imager.protocol.DaemonThreadFactory;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

/**
 * The run's one control thread. A scheduled executor keeps a task's exception in the task's future, where nobody
 * looks: a failed periodic task would simply stop, and a run would hang with no line in the log. Here every task
 * that ends with an exception or error is handed to {@code onFailure}, on this thread, so the run can end with a
 * report instead.
 */
final class ControlThread extends ScheduledThreadPoolExecutor {

    private final Consumer<Throwable> onFailure;

    ControlThread(String name, Consumer<Throwable> onFailure) {
        super(1, new DaemonThreadFactory(name));
        this.onFailure = onFailure;
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        Throwable failure = thrown;
        // A periodic task that ran well is not done; one that threw is done, with its exception inside.
        if (failure == null && task instanceof Future<?> future && future.isDone()) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (CancellationException e) {
                // Cancelled on purpose (shutdown): not a failure.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            onFailure.accept(failure);
        }
    }
}

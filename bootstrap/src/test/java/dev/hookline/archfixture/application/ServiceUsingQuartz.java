package dev.hookline.archfixture.application;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** An application class that depends on Quartz. */
public class ServiceUsingQuartz implements Job {
    @Override
    public void execute(JobExecutionContext context) {
    }
}

using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;
using Workflow.Web.Jobs;

namespace Workflow.Web.Processes;

public static class ProcessesFeature
{
    /// <summary>
    /// Our BPMN engine (Workflow.Engine) with its ports filled by the host: the store on the product's DbContext (so an
    /// engine command and the domain change commit together), Hangfire for timers and in-process topics (after commit),
    /// the system clock, and the parsed-model cache shared by all requests.
    /// </summary>
    public static void AddProcessEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(new EngineOptions
        {
            MinTimerCycle = TimeSpan.FromSeconds(builder.Configuration.GetValue("Engine:MinTimerCycleSeconds", 60d)),
        });
        // Features declare the processes they drive (AddProductProcess); /engine-rest and the task forms consult this.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<ProductProcesses>(services);
        services.AddSingleton(builder.Configuration.GetSection("Engine:ServiceTasks").Get<ServiceTaskOptions>() ?? new ServiceTaskOptions());
        services.AddSingleton<ProcessModelCache>();
        services.AddSingleton<TopicRegistry>();
        services.AddScoped<IWorkflowStore, EfWorkflowStore>();
        services.AddScoped<HangfireEngineScheduler>();
        services.AddScoped<IEngineScheduler>(sp => sp.GetRequiredService<HangfireEngineScheduler>());
        services.AddScoped<EngineEffectsInterceptor>();
        // The DbContext takes every registered interceptor: timers and topics are scheduled once the transaction commits.
        services.AddScoped<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<EngineEffectsInterceptor>());
        services.AddScoped(sp => new WorkflowEngine(
            sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<IEngineScheduler>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<EngineOptions>(), sp.GetRequiredService<ProcessModelCache>()));
        services.AddScoped<TimerJob>();
        services.AddScoped<ServiceTaskJob>();
        services.AddScoped<IPendingWorkSource, EngineTimerRecovery>();
        services.AddScoped<IPendingWorkSource, ServiceTaskRecovery>();
    }

    /// <summary>Deploys workflows/*.bpmn (new versions only when their content changed).</summary>
    public static async Task DeployWorkflowsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await WorkflowFiles.DeployAsync(scope.ServiceProvider.GetRequiredService<WorkflowEngine>(), scope.ServiceProvider.GetRequiredService<ProductProcesses>(), app.Logger);
    }
}

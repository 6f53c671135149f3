namespace Workflow.Web.Processes;

public static class ProductProcessRegistration
{
    /// <summary>Declares a process the feature drives (see <see cref="ProductProcess"/>).</summary>
    public static IServiceCollection AddProductProcess(this IServiceCollection services, ProductProcess process)
    {
        services.AddSingleton(process);
        services.TryAddSingletonProductProcesses();
        return services;
    }

    private static void TryAddSingletonProductProcesses(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<ProductProcesses>(services);
}

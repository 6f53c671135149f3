using Workflow.Engine.Ports;

namespace Workflow.Web.Processes;

public static class TopicRegistrationExtensions
{
    public static IServiceCollection AddTopicHandler<THandler>(this IServiceCollection services, string topic)
        where THandler : class, ITopicHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new TopicRegistration(topic, typeof(THandler)));
        return services;
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflow.Benchmarks;

/// <summary>A Camunda-style external-task worker over HTTP (Basic auth): fetchAndLock a few tasks, then complete each.</summary>
internal sealed class ExternalTaskWorker(Uri baseUri, string user, string password, string workerId, string topic, int maxTasks, int lockMilliseconds)
    : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    /// <summary>One fetch and the completions of what it locked: how many were fetched and how many completed.</summary>
    public async Task<(int Fetched, int Completed)> RunOnceAsync()
    {
        using var fetch = await _http.PostAsync(new Uri("engine-rest/external-task/fetchAndLock", UriKind.Relative), JsonContent.Create(new
        {
            workerId, maxTasks, topics = new[] { new { topicName = topic, lockDuration = lockMilliseconds, variables = new[] { "n" } } },
        }));
        var locked = JsonDocument.Parse(await fetch.Content.ReadAsStringAsync()).RootElement;
        if (locked.ValueKind != JsonValueKind.Array)
        {
            return (0, 0);
        }

        var completed = 0;
        foreach (var task in locked.EnumerateArray())
        {
            using var done = await _http.PostAsync(new Uri($"engine-rest/external-task/{task.GetProperty("id").GetString()}/complete", UriKind.Relative),
                JsonContent.Create(new { workerId }));
            completed += done.IsSuccessStatusCode ? 1 : 0;
        }

        return (locked.GetArrayLength(), completed);
    }

    public void Dispose() => _http.Dispose();
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Workflow.Testing;

/// <summary>
/// An HTTP client that behaves like one person's browser: keeps cookies, does not follow redirects (tests assert on
/// them), and posts forms with the page's anti-forgery token, the way a real form post does.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _client;

    public WebSession(AppFactory factory)
    {
        // A client with a cookie container the test can share (a SignalR connection signs in with the same cookie);
        // CreateDefaultClient adds no redirect handler, so redirects come back to the test as they are.
        Cookies = new CookieContainer();
        _client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
    }

    /// <summary>
    /// A session against a real server (a node started as a process) at <paramref name="baseAddress"/>; sessions that
    /// share <paramref name="cookies"/> are one browser talking to several nodes (cookies do not depend on the port).
    /// </summary>
    public WebSession(Uri baseAddress, CookieContainer cookies)
    {
        Cookies = cookies;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>The anti-forgery token the session sends with API calls (set to carry one node's token to another).</summary>
    public string? AntiforgeryToken
    {
        get => _token;
        set => _token = value;
    }

    /// <summary>The session's anti-forgery token, taken from a form page the first time.</summary>
    public async Task<string> TokenAsync()
    {
        if (_token is null)
        {
            var html = await (await GetAsync("/Account/ChangePassword")).Content.ReadAsStringAsync();
            var match = TokenPattern().Match(html);
            _token = match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token.");
        }

        return _token;
    }

    /// <summary>The session's cookies (the sign-in cookie among them).</summary>
    public CookieContainer Cookies { get; }

    public HttpClient Client => _client;

    /// <summary>Who signed in (empty until then).</summary>
    public string UserName { get; private set; } = "";

    public static async Task<WebSession> SignedInAsync(AppFactory factory, string userName, string password = DemoPassword)
    {
        var session = new WebSession(factory);
        var response = await session.LoginAsync(userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }

        return session;
    }

    public const string DemoPassword = "Demo@2026";

    public async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        var response = await PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            UserName = userName;
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>GETs a download's bytes; a non-success status fails with the body in the message.</summary>
    public async Task<byte[]> GetByteArrayAsync(string url)
    {
        var response = await GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task<string> GetStringAsync(string url)
    {
        var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        }

        return body;
    }

    /// <summary>GETs <paramref name="formPage"/> for its anti-forgery token, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null)
    {
        var page = await GetAsync(formPage);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No anti-forgery token on {formPage} ({(int)page.StatusCode}).");
        }

        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(body);
        return await _client.PostAsync(new Uri(action ?? formPage, UriKind.Relative), content);
    }

    /// <summary>Posts without a token, as a cross-site forgery would.</summary>
    public async Task<HttpResponseMessage> PostFormWithoutTokenAsync(string action, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private string? _token;

    /// <summary>Sends JSON to the product's API with the anti-forgery header its pages send (token taken from a form page once).</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string url, object? body) =>
        SendAsync(method, url, System.Net.Http.Json.JsonContent.Create(body, options: JsonOptions));

    /// <summary>Posts a body as it is (malformed JSON, say) with the anti-forgery header.</summary>
    public Task<HttpResponseMessage> PostRawJsonAsync(string url, string body) =>
        SendAsync(HttpMethod.Post, url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent content)
    {
        await TokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Add("RequestVerificationToken", _token);
        request.Content = content;
        return await _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string url, object? body) => SendJsonAsync(HttpMethod.Post, url, body);

    /// <summary>DELETE with the anti-forgery header.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url, new StringContent(""));

    /// <summary>Uploads one file as multipart/form-data (field "file") with the anti-forgery header.</summary>
    public Task<HttpResponseMessage> PostFileAsync(string url, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        return SendAsync(HttpMethod.Post, url, form);
    }

    public Task<HttpResponseMessage> PutJsonAsync(string url, object? body) => SendJsonAsync(HttpMethod.Put, url, body);

    /// <summary>GETs JSON; a non-success status fails with the body in the message.</summary>
    public async Task<System.Text.Json.JsonElement> GetJsonAsync(string url) =>
        System.Text.Json.JsonDocument.Parse(await GetStringAsync(url)).RootElement.Clone();

    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

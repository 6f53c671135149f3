using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Jobs;
using Workflow.Web.Localization;

namespace Workflow.Web.Setup;

public static class WebUiSetup
{
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-US")];

    /// <summary>
    /// Razor Pages with folder-level authorization (so a new admin page is protected by where it lives), Vietnamese as
    /// the default culture with English selectable by cookie, and health checks for the database and Hangfire.
    /// </summary>
    public static void AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Localization");
        // Messages of the services and the engine in JSON answers: the sentence in the request's language.
        // The product's one localizer, also as the plain interface for the platform's edges (problem details, pages).
        builder.Services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizer<SharedResource>>());
        builder.Services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<IStringLocalizer<SharedResource>>((o, t) => o.SerializerOptions.Converters.Add(new MessageJsonConverter(t)));
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        // Razor would otherwise write every Vietnamese letter as an &#x...; entity: valid, but triple the bytes and
        // unreadable in "view source". HTML-significant characters are still encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Admin", IdentitySetup.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Api", IdentitySetup.AdminPolicy);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AuthorizePage("/Account/ChangePassword");
                o.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi-VN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Vietnamese unless the user picked English: a browser's Accept-Language does not switch the product.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });

        // /health/live: the process answers; /health/ready: this node can take traffic (database, migrations, its own
        // Hangfire server); /health: everything, for people.
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: [ReadyTag]);
    }

    public const string ReadyTag = "ready";

    public static void UseWebUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        EngineRest.EngineRestFeature.UseEngineRestErrors(app);
        // Localization first, so a refusal under /api is written in the language the request asked for; /api answers in
        // problem-details JSON, placed inside the app's exception handler so it answers first.
        app.UseRequestLocalization();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), branch => branch.UseMiddleware<ApiErrors>());
        app.UseStaticFiles();
        app.UseRouting();
        EngineRest.EngineRestFeature.UseEngineRestLimits(app);
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), branch => branch.Use((http, next) => ApiLimits.EnforceAsync(http, () => next(http))));
        app.UseAuthentication();
        app.UseMiddleware<DataScopeMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapPost("/culture", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (Cultures.All(c => c.Name != culture))
            {
                return Results.BadRequest("Ngôn ngữ không được hỗ trợ.");
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();
    }

    /// <summary>
    /// A path on this site: "/x", never "//host/x" or "/\\host/x" (which browsers treat as another site) and no
    /// control characters. The same rule as MVC's Url.IsLocalUrl, without needing a page.
    /// </summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2000 && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');

    private static readonly JsonSerializerOptions HealthJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Task WriteHealth(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson));
    }
}

using Cartero.Platform.Data;
using Cartero.Platform.Health;
using Microsoft.AspNetCore.DataProtection;

namespace Cartero.Platform;

/// <summary>Options, data directory, time and database: what every feature stands on.</summary>
public static class PlatformModule
{
    public static WebApplicationBuilder AddCarteroPlatform(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(CarteroOptions.Section);
        builder.Services.Configure<CarteroOptions>(section);
        var options = section.Get<CarteroOptions>() ?? new CarteroOptions();
        var data = new DataDirectory(options.DataDirectory);

        builder.Services.AddSingleton(data);
        // Cookie and antiforgery keys live with the data (not in the user profile), so every instance shares them.
        builder.Services.AddDataProtection()
            .SetApplicationName("Cartero")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data.Keys, "proteccion-datos")));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddCarteroDatabase(options, data);
        return builder;
    }

    public static WebApplication UseCarteroPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        // API errors without a body (401, 403, 404…) still answer application/problem+json; pages keep their HTML.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapCarteroHealth();
        return app;
    }
}

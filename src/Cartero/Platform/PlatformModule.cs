using Cartero.Platform.Data;

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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddCarteroDatabase(options, data);
        return builder;
    }

    public static WebApplication UseCarteroPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}

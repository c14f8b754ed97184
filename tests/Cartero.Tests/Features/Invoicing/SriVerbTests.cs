using Cartero.Platform.Cli;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>The <c>sri</c> operator verbs through the app's binary entry point.</summary>
public sealed class SriVerbTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new(settings: new Dictionary<string, string?>
    {
        ["Sri:SchemaDirectory"] = Path.Combine(RepositoryPaths.Shared, "sri", "xsd"),
    });

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliModule.RunAsync(_app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_valid_clave_is_explained_part_by_part()
    {
        var (exit, output, _) = await RunAsync("sri", "clave", "2110201101179214673900110020010000000011234567813");
        Assert.Equal(0, exit);
        Assert.Contains("1792146739001", output);
    }

    [Fact]
    public async Task A_bad_check_digit_says_which_part_is_wrong()
    {
        var (exit, output, error) = await RunAsync("sri", "clave", "1804202401123456789000110010010000000051234567816");
        Assert.Equal(1, exit);
        Assert.Contains("dígito verificador", output + error);
    }

    [Fact]
    public async Task Validating_a_missing_file_fails_with_a_reason_and_usage_errors_exit_2()
    {
        var (exit, output, error) = await RunAsync("sri", "validar", "/no/existe/factura.xml");
        Assert.NotEqual(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(output + error));
        Assert.Equal(2, (await RunAsync("sri", "ride")).Exit);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Cartero.Platform;
using Cartero.Platform.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Templates;

/// <summary>
/// Liquid templates rendered with Fluid: built-in Spanish defaults embedded in the app, replaceable (and
/// extensible with new types) by files in <c>&lt;data&gt;/templates/</c>. Parsed once and cached until the
/// file changes. Sandboxed: no file access, bounded steps and recursion.
/// </summary>
public sealed class FluidEmailTemplates : IEmailTemplates
{
    public static readonly string[] BuiltInTypes =
    [
        "factura", "comprobante", "alerta_stock", "pedido", "notificacion_clinica", "recuperacion_contrasena", "aviso_administrativo", "prueba",
        "nota_credito",
    ];

    private const string ResourcePrefix = "Cartero.Features.Templates.Defaults.";
    private static readonly FluidParser Parser = new();

    // Escapes markup but keeps Spanish letters readable in the message source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(
        System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement,
        System.Text.Unicode.UnicodeRanges.LatinExtendedA, System.Text.Unicode.UnicodeRanges.GeneralPunctuation,
        System.Text.Unicode.UnicodeRanges.CurrencySymbols);

    // Top-level variables the data lacks, for the render running on this flow (the options are shared).
    private static readonly AsyncLocal<List<string>?> CurrentMissing = new();
    private readonly ConcurrentDictionary<string, (DateTime Stamp, IFluidTemplate? Template, string? Error)> _cache = new(StringComparer.Ordinal);
    private readonly string _overrides;
    private readonly TemplateBranding _branding;
    private readonly BusinessBrand? _brand;
    private readonly TemplateOptions _options;
    private IReadOnlyCollection<string>? _knownTypes;
    private long _knownTypesAt;

    /// <param name="brand">The panel's business name; without it (a renderer built by hand) the configured name.</param>
    public FluidEmailTemplates(DataDirectory data, IOptions<TemplateBranding> branding, BusinessBrand? brand = null)
    {
        _overrides = Path.Combine(data.Root, "templates");
        _branding = branding.Value;
        _brand = brand;
        _options = new TemplateOptions
        {
            CultureInfo = EcuadorTime.Culture,
            TimeZone = EcuadorTime.Zone,
            MaxSteps = 100_000,
            MaxRecursion = 20,
            FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
        };
        _options.Undefined = variable =>
        {
            CurrentMissing.Value?.Add(variable);
            return ValueTask.FromResult<FluidValue>(NilValue.Instance);
        };
        _options.Filters.AddFilter("moneda", (input, _, _) =>
            new StringValue(input.ToNumberValue().ToString("C2", EcuadorTime.Culture)));
        _options.Filters.AddFilter("fecha", (input, _, _) => new StringValue(FormatDate(input)));
    }

    public IReadOnlyCollection<string> KnownTypes
    {
        get
        {
            // Every send request asks; the folder is looked at again at most every few seconds.
            var now = Environment.TickCount64;
            if (_knownTypes is { } cached && now - _knownTypesAt < 5_000)
            {
                return cached;
            }

            var types = new SortedSet<string>(BuiltInTypes, StringComparer.Ordinal);
            if (Directory.Exists(_overrides))
            {
                foreach (var file in Directory.EnumerateFiles(_overrides, "*.asunto.liquid"))
                {
                    types.Add(Path.GetFileName(file)[..^".asunto.liquid".Length]);
                }
            }

            _knownTypes = types;
            _knownTypesAt = now;
            return types;
        }
    }

    public bool Exists(string name) => IsSafeName(name) && (BuiltInTypes.Contains(name) || File.Exists(Path.Combine(_overrides, $"{name}.asunto.liquid")));

    public const int MaxSubjectChars = 998;

    public RenderedEmail Render(string name, JsonObject? data)
    {
        if (!Exists(name))
        {
            throw new TemplateRenderException(name, [$"La plantilla '{name}' no existe."]);
        }

        var problems = new List<string>();
        var missing = new List<string>();
        var subject = RenderPart(name, "asunto", data, NullEncoder.Default, problems, missing).Trim();
        var html = RenderPart(name, "html", data, Html, problems, missing);
        var text = RenderPart(name, "texto", data, NullEncoder.Default, problems, missing);
        if (problems.Count == 0 && missing.Count == 0 && Load("_marco", "html") is { Template: { } layout })
        {
            html = RenderLayout(layout, html, problems);
        }

        problems.AddRange(missing.Distinct(StringComparer.Ordinal).Select(m => $"falta la variable '{m}'"));
        if (subject.Contains('\r') || subject.Contains('\n'))
        {
            problems.Add("el asunto generado contiene saltos de línea");
        }

        // The same limit as a subject sent as such (RFC 5322 line length): data can make a template's subject long.
        if (subject.Length > MaxSubjectChars)
        {
            problems.Add($"el asunto generado tiene {subject.Length} caracteres y el máximo es {MaxSubjectChars}; acorte los datos que usa el asunto");
        }

        if (problems.Count > 0)
        {
            throw new TemplateRenderException(name, problems);
        }

        return new RenderedEmail(subject, html, text);
    }

    private string RenderPart(string name, string part, JsonObject? data, TextEncoder encoder, List<string> problems, List<string> missing)
    {
        var (_, template, error) = Load(name, part);
        if (template is null)
        {
            problems.Add($"{part}: {error}");
            return "";
        }

        var context = new TemplateContext(_options);
        CurrentMissing.Value = missing;
        foreach (var (key, value) in data ?? [])
        {
            context.SetValue(key, StrictJsonValue.Convert(value, key, missing));
        }

        context.SetValue("empresa", new StringValue(_brand?.Name ?? _branding.Nombre));
        try
        {
            return template.Render(context, encoder);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ParseException or FormatException)
        {
            problems.Add($"{part}: {ex.Message}");
            return "";
        }
        finally
        {
            CurrentMissing.Value = null;
        }
    }

    private string RenderLayout(IFluidTemplate layout, string body, List<string> problems)
    {
        var context = new TemplateContext(_options);
        context.SetValue("contenido", new StringValue(body, encode: false));
        context.SetValue("empresa", new StringValue(_brand?.Name ?? _branding.Nombre));
        context.SetValue("pie", new StringValue(_branding.Pie));
        try
        {
            return layout.Render(context, Html);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"marco: {ex.Message}");
            return body;
        }
    }

    private (DateTime Stamp, IFluidTemplate? Template, string? Error) Load(string name, string part)
    {
        var fileName = $"{name}.{part}.liquid";
        var overridePath = Path.Combine(_overrides, fileName);
        var stamp = File.Exists(overridePath) ? File.GetLastWriteTimeUtc(overridePath) : DateTime.MinValue;
        var key = fileName;
        if (_cache.TryGetValue(key, out var cached) && cached.Stamp == stamp)
        {
            return cached;
        }

        string? source = stamp != DateTime.MinValue ? File.ReadAllText(overridePath) : ReadResource(fileName);
        if (source is null)
        {
            return (stamp, null, $"no existe la plantilla {fileName}");
        }

        var entry = Parser.TryParse(source, out var template, out var error)
            ? (stamp, template, (string?)null)
            : (stamp, null, $"error de sintaxis en {fileName}: {error}");
        _cache[key] = entry;
        return entry;
    }

    private static string? ReadResource(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + fileName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    private static string FormatDate(FluidValue input)
    {
        var raw = input.ToObjectValue();
        // A date is a day in the shop's calendar, not midnight UTC: "2026-12-05" (or a time-of-day-less, zone-less
        // "2026-12-05T00:00:00") is shown as that day, never converted to the evening before in Guayaquil.
        if (raw is DateOnly day)
        {
            return day.ToString("dd/MM/yyyy", EcuadorTime.Culture);
        }

        if (raw is string text && LocalDay(text) is { } localDay)
        {
            return localDay.ToString("dd/MM/yyyy", EcuadorTime.Culture);
        }

        DateTimeOffset? value = raw switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
            _ => null,
        };
        if (value is null)
        {
            return input.ToStringValue();
        }

        return TimeZoneInfo.ConvertTime(value.Value, EcuadorTime.Zone).ToString("dd/MM/yyyy HH:mm", EcuadorTime.Culture);
    }

    private static DateOnly? LocalDay(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var midnight)
            && midnight.TimeOfDay == TimeSpan.Zero
            ? DateOnly.FromDateTime(midnight)
            : null;
    }
}

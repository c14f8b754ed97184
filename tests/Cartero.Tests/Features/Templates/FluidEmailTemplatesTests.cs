using System.Text.Json.Nodes;
using Cartero.Features.Templates;
using Cartero.Platform;
using Microsoft.Extensions.Options;

namespace Cartero.Tests.Features.Templates;

public sealed class FluidEmailTemplatesTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("cartero-plantillas-").FullName;

    private FluidEmailTemplates Templates() => new(new DataDirectory(_root), Options.Create(new TemplateBranding { Nombre = "Óptica Visión Clara" }));

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_built_in_type_renders_subject_html_and_text(string type)
    {
        var rendered = Templates().Render(type, TemplateSamples.For(type));

        Assert.False(string.IsNullOrWhiteSpace(rendered.Subject));
        Assert.DoesNotContain("\n", rendered.Subject);
        Assert.Contains("<html", rendered.Html);
        Assert.Contains("Óptica Visión Clara", rendered.Html);
        Assert.False(string.IsNullOrWhiteSpace(rendered.Text));
        Assert.DoesNotContain("<p>", rendered.Text);
    }

    public static TheoryData<string> Types() => new(FluidEmailTemplates.BuiltInTypes);

    [Fact]
    public void The_invoice_names_everything_the_sri_requires()
    {
        var rendered = Templates().Render("factura", TemplateSamples.For("factura"));

        Assert.Contains("001-002-000000123", rendered.Subject);
        Assert.Contains("1790012344001", rendered.Subject);
        foreach (var part in new[] { rendered.Html, rendered.Text })
        {
            Assert.Contains("Óptica Visión Clara S.A.", part);
            Assert.Contains("2411202601179001234400120010020000001231234567811", part);
            Assert.Contains("24/11/2026", part);
            Assert.Contains("$123,45", part);
        }
    }

    [Fact]
    public void The_credit_note_names_everything_the_compliance_check_requires()
    {
        var rendered = Templates().Render("nota_credito", TemplateSamples.For("nota_credito"));

        Assert.StartsWith("Nota de crédito electrónica 001-002-000000007", rendered.Subject);
        Assert.Contains("1790012344001", rendered.Subject);
        foreach (var part in new[] { rendered.Html, rendered.Text })
        {
            Assert.Contains("Óptica Visión Clara S.A.", part);
            Assert.Contains("2611202604179001234400120010020000000071234567812", part);
            Assert.Contains("26/11/2026", part);
            Assert.Contains("$16,50", part);
            Assert.Contains("001-002-000000123", part);
            Assert.Contains("Devolución de mercadería", part);
        }
    }

    [Fact]
    public void Every_missing_variable_is_listed_top_level_and_nested()
    {
        var data = TemplateSamples.For("factura");
        data.Remove("emisor");
        data["factura"]!.AsObject().Remove("total");

        var ex = Assert.Throws<TemplateRenderException>(() => Templates().Render("factura", data));

        Assert.Contains(ex.Problems, p => p.Contains("'emisor'"));
        Assert.Contains(ex.Problems, p => p.Contains("'factura.total'"));
        Assert.Equal(ex.Problems.Count, ex.Problems.Distinct().Count());
    }

    [Fact]
    public void A_value_given_as_null_counts_as_provided()
    {
        var data = TemplateSamples.For("aviso_administrativo");
        data["mensaje"] = null;
        var rendered = Templates().Render("aviso_administrativo", data);
        Assert.Contains("Inventario anual", rendered.Html);
    }

    [Fact]
    public void Html_is_escaped_and_text_is_not()
    {
        var data = TemplateSamples.For("aviso_administrativo");
        data["mensaje"] = "<script>alert('x')</script> & Cía";

        var rendered = Templates().Render("aviso_administrativo", data);

        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.Contains("&lt;script&gt;", rendered.Html);
        Assert.Contains("<script>alert('x')</script> & Cía", rendered.Text);
    }

    [Fact]
    public void A_line_break_in_the_subject_is_refused()
    {
        var data = TemplateSamples.For("aviso_administrativo");
        data["titulo"] = "Hola\r\nBcc: intruso@example.com";
        var ex = Assert.Throws<TemplateRenderException>(() => Templates().Render("aviso_administrativo", data));
        Assert.Contains(ex.Problems, p => p.Contains("saltos de línea"));
    }

    [Fact]
    public void Files_in_the_data_folder_replace_a_built_in_and_add_new_types()
    {
        var folder = Path.Combine(_root, "templates");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "prueba.asunto.liquid"), "Prueba personalizada de {{ remitente }}");
        File.WriteAllText(Path.Combine(folder, "cumpleanos.asunto.liquid"), "¡Feliz cumpleaños, {{ nombre }}!");
        File.WriteAllText(Path.Combine(folder, "cumpleanos.html.liquid"), "<p>Un descuento para {{ nombre }}</p>");
        File.WriteAllText(Path.Combine(folder, "cumpleanos.texto.liquid"), "Un descuento para {{ nombre }}");
        var templates = Templates();

        Assert.Equal("Prueba personalizada de facturas@optica.ec", templates.Render("prueba", TemplateSamples.For("prueba")).Subject);
        Assert.Contains("cumpleanos", templates.KnownTypes);
        Assert.Equal("¡Feliz cumpleaños, Eva!", templates.Render("cumpleanos", new JsonObject { ["nombre"] = "Eva" }).Subject);
        Assert.False(templates.Exists("../secreto"));
    }

    [Fact]
    public void A_syntax_error_is_reported_with_the_file()
    {
        var folder = Path.Combine(_root, "templates");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "prueba.html.liquid"), "<p>{% if proveedor %}sin cierre</p>");

        var ex = Assert.Throws<TemplateRenderException>(() => Templates().Render("prueba", TemplateSamples.For("prueba")));

        Assert.Contains(ex.Problems, p => p.Contains("prueba.html.liquid"));
    }

    [Fact]
    public void Dates_are_shown_in_ecuador()
    {
        var data = TemplateSamples.For("pedido");
        data["pedido"]!["fecha_estimada"] = "2026-11-28T03:30:00Z";
        var rendered = Templates().Render("pedido", data);
        Assert.Contains("27/11/2026 22:30", rendered.Text);
    }

    [Theory]
    [InlineData("2026-12-05")]
    [InlineData("2026-12-05T00:00:00")]
    public void A_date_without_a_time_or_zone_is_that_day_not_a_moment_converted_to_ecuador(string value)
    {
        var data = TemplateSamples.For("pedido");
        data["pedido"]!["fecha_estimada"] = value;

        var rendered = Templates().Render("pedido", data);

        Assert.Contains("Fecha estimada: 05/12/2026", rendered.Text);
        Assert.DoesNotContain("04/12/2026", rendered.Text);
        Assert.DoesNotContain("19:00", rendered.Text);
    }

    [Fact]
    public void A_moment_with_an_offset_keeps_its_time_in_ecuador()
    {
        var data = TemplateSamples.For("pedido");
        data["pedido"]!["fecha_estimada"] = "2026-12-05T10:15:00-05:00";
        Assert.Contains("05/12/2026 10:15", Templates().Render("pedido", data).Text);
    }
}

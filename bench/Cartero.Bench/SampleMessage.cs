using System.Text;
using MimeKit;

namespace Cartero.Bench;

/// <summary>A ~4.5 KB HTML + text message, the size of a typical order notice.</summary>
internal static class SampleMessage
{
    public static (string Subject, string Html, string Text) Create()
    {
        var html = new StringBuilder("<html><body><h1>Su pedido de lentes está listo</h1>");
        var text = new StringBuilder("Su pedido de lentes está listo\n");
        for (var i = 0; i < 30; i++)
        {
            html.Append(CultureInfo($"<p>Línea {i}: lente progresivo antirreflejo, graduación OD -1.25 OI -1.50, retiro en sucursal.</p>"));
            text.Append(CultureInfo($"Línea {i}: lente progresivo antirreflejo, graduación OD -1.25 OI -1.50.\n"));
        }

        html.Append("</body></html>");
        return ("Su pedido P-2026-0931 está listo", html.ToString(), text.ToString());
    }

    public static MimeMessage ToMime((string Subject, string Html, string Text) sample, int i)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Óptica", "pedidos@optica.ec"));
        message.To.Add(new MailboxAddress("Cliente", $"cliente{i}@correo.ec"));
        message.Subject = sample.Subject;
        message.MessageId = $"{Guid.NewGuid():N}@bench";
        message.Body = new BodyBuilder { HtmlBody = sample.Html, TextBody = sample.Text }.ToMessageBody();
        return message;
    }

    private static string CultureInfo(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

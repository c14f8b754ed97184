using SkiaSharp;

namespace Cartero.Features.Invoicing;

/// <summary>Checks an uploaded RIDE logo: PNG or JPEG by its first bytes (not its name), decodable, of a sensible size.</summary>
public static class InvoiceLogo
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxSide = 2000;

    /// <summary>The image and its type, or null with the problem added under "logoBase64".</summary>
    public static (byte[] Bytes, string ContentType)? Read(string? base64, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            add("logoBase64", "El logo debe enviarse como el archivo PNG o JPEG en base64.");
            return null;
        }

        return Check(bytes, add);
    }

    public static (byte[] Bytes, string ContentType)? Check(byte[] bytes, Action<string, string> add)
    {
        if (bytes.Length > MaxBytes)
        {
            add("logoBase64", $"El logo pesa {bytes.Length / 1024} KB; el máximo es {MaxBytes / 1024} KB. Redúzcalo (por ejemplo a 600 × 200 píxeles) y vuelva a cargarlo.");
            return null;
        }

        var type = ContentTypeOf(bytes);
        if (type is null)
        {
            add("logoBase64", "El logo debe ser una imagen PNG o JPEG.");
            return null;
        }

        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null)
        {
            add("logoBase64", "No se pudo leer la imagen del logo: el archivo está dañado. Expórtelo de nuevo como PNG o JPEG.");
            return null;
        }

        if (codec.Info.Width > MaxSide || codec.Info.Height > MaxSide)
        {
            add("logoBase64", $"El logo mide {codec.Info.Width} × {codec.Info.Height} píxeles; el máximo es {MaxSide} por lado.");
            return null;
        }

        return (bytes, type);
    }

    public static InvoiceLogoView? ViewOf(InvoicingSettings s)
    {
        if (s.Logo is not { Length: > 0 } logo)
        {
            return null;
        }

        using var codec = SKCodec.Create(new SKMemoryStream(logo));
        return new InvoiceLogoView(s.LogoContentType ?? "image/png", logo.Length, codec?.Info.Width ?? 0, codec?.Info.Height ?? 0);
    }

    private static string? ContentTypeOf(byte[] b) =>
        b is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? "image/png"
        : b is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : null;
}

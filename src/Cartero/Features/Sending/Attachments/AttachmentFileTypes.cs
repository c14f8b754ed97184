namespace Cartero.Features.Sending.Attachments;

/// <summary>
/// What Cartero knows about file types: executable or active kinds that no email of a shop should carry (refused by
/// extension and by declared type, whatever the configuration allows), the extensions that belong to each common
/// type, and the first bytes a real file of that type starts with.
/// </summary>
public static class AttachmentFileTypes
{
    /// <summary>Programs, scripts, installers, shortcuts, macro documents and pages a mail program or the desktop would run or render.</summary>
    public static readonly IReadOnlySet<string> ExecutableExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "exe", "com", "scr", "pif", "cpl", "dll", "sys", "drv", "ocx", "msi", "msp", "mst", "msix", "msixbundle", "appx", "appxbundle",
        "bat", "cmd", "ps1", "psm1", "psd1", "ps1xml", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "ws", "wsc", "hta", "sct",
        "jar", "class", "sh", "bash", "zsh", "csh", "ksh", "command", "run", "bin", "elf", "app", "dmg", "pkg", "deb", "rpm", "apk",
        "py", "pyw", "pl", "rb", "php", "asp", "aspx", "jsp", "cgi", "lnk", "url", "website", "scf", "inf", "reg", "gadget",
        "application", "chm", "msc", "job", "iso", "img", "vhd", "vhdx", "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml",
        "svg", "svgz", "xll", "xlam", "xlsm", "xltm", "docm", "dotm", "pptm", "potm", "ppsm",
    };

    /// <summary>Declared types of the same kinds; refused even if a configuration lists them as allowed.</summary>
    public static readonly IReadOnlySet<string> ExecutableContentTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/x-msdownload", "application/x-msdos-program", "application/x-dosexec", "application/x-executable",
        "application/vnd.microsoft.portable-executable", "application/x-ms-installer", "application/x-msi", "application/x-ms-shortcut",
        "application/x-sh", "application/x-shellscript", "text/x-shellscript", "application/x-csh", "application/x-bat",
        "application/x-msdos-batch", "application/bat", "application/x-powershell", "application/javascript", "application/x-javascript",
        "text/javascript", "application/ecmascript", "text/ecmascript", "text/vbscript", "application/x-vbscript", "application/hta",
        "application/java-archive", "application/x-java-archive", "application/x-java-applet", "application/x-python-code",
        "text/x-python", "application/x-perl", "application/x-php", "application/x-httpd-php", "text/html", "application/xhtml+xml",
        "image/svg+xml", "application/vnd.ms-excel.sheet.macroenabled.12", "application/vnd.ms-word.document.macroenabled.12",
        "application/x-apple-diskimage", "application/vnd.android.package-archive", "application/x-iso9660-image",
    };

    /// <summary>The extensions a file of a common type has; a name with another extension is refused for that type.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ExtensionsByType = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = ["pdf"],
        ["application/xml"] = ["xml"],
        ["text/xml"] = ["xml"],
        ["image/png"] = ["png"],
        ["image/jpeg"] = ["jpg", "jpeg", "jpe"],
        ["image/gif"] = ["gif"],
        ["image/webp"] = ["webp"],
        ["text/plain"] = ["txt", "text", "log"],
        ["text/csv"] = ["csv"],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ["xlsx"],
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ["docx"],
        ["application/zip"] = ["zip"],
    };

    /// <summary>Whether <paramref name="content"/> starts the way a file of <paramref name="contentType"/> must; true for types without a known signature.</summary>
    public static bool HasExpectedSignature(string contentType, ReadOnlySpan<byte> content) => contentType.ToLowerInvariant() switch
    {
        "application/pdf" => content.StartsWith("%PDF-"u8),
        "image/png" => content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/jpeg" => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/gif" => content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8),
        "image/webp" => content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            or "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            or "application/zip" => content.StartsWith("PK\x03\x04"u8),
        "application/xml" or "text/xml" => StartsLikeXml(content),
        _ => true,
    };

    /// <summary>A UTF-8 BOM and white space may come first; then the document starts with <c>&lt;</c>.</summary>
    private static bool StartsLikeXml(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        var i = 0;
        while (i < content.Length && content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < content.Length && content[i] == (byte)'<';
    }

    /// <summary>
    /// The name without control, format (bidi overrides such as U+202E, zero-width characters) and line/paragraph
    /// separator characters, which can make <c>factura‮fdp.exe</c> look like <c>factura exe.pdf</c>; trimmed.
    /// </summary>
    public static string CleanFileName(string name)
    {
        var kept = name.Where(c => !IsInvisible(c)).ToArray();
        return new string(kept).Trim();
    }

    /// <summary>Control, format (bidi, zero-width, BOM) and line/paragraph separator characters: invisible or misleading on screen.</summary>
    public static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
        or System.Globalization.UnicodeCategory.Format
        or System.Globalization.UnicodeCategory.LineSeparator
        or System.Globalization.UnicodeCategory.ParagraphSeparator;

    /// <summary>Every extension of the name (<c>factura.pdf.exe</c> → pdf, exe), ignoring the trailing dots and spaces Windows drops.</summary>
    public static IReadOnlyList<string> ExtensionsOf(string name)
    {
        var parts = name.TrimEnd('.', ' ').Split('.');
        return parts.Length <= 1 ? [] : parts[1..].Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// Writes and checks the verification code of a proof. The code is HMAC-SHA256 (key: <see cref="ProofKeys"/>) over
/// every byte of the file, so any change anywhere, even a space, is refused:
/// <list type="bullet">
/// <item>JSON: the file with the 64 hex digits of <c>verification.code</c> written as zeros;</item>
/// <item>PDF: the PDF bytes before the last line, which is a PDF comment <c>%cartero-constancia clave=… codigo=…</c>
/// after <c>%%EOF</c> (readers ignore it).</item>
/// </list>
/// Each format has a label of its own in the MAC, so a code from one never verifies the other.
/// </summary>
public sealed partial class ProofSigner(ProofKeys keys)
{
    public const string Format = "cartero-constancia-envio/1";
    private const string Placeholder = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly byte[] JsonLabel = Encoding.ASCII.GetBytes("cartero:constancia:json\n");
    private static readonly byte[] PdfLabel = Encoding.ASCII.GetBytes("cartero:constancia:pdf\n");
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Spanish text stays readable in the file; the bytes are what is signed either way.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The signed JSON document and its code.</summary>
    public (byte[] File, string Code) SignJson(DeliveryProof proof)
    {
        var (keyId, key) = keys.Current;
        var document = new JsonObject
        {
            ["format"] = Format,
            ["proof"] = JsonSerializer.SerializeToNode(proof, Json),
            ["verification"] = new JsonObject
            {
                ["algorithm"] = "HMAC-SHA256",
                ["keyId"] = keyId,
                ["code"] = Placeholder,
            },
        };
        var unsigned = Encoding.UTF8.GetBytes(document.ToJsonString(Json) + "\n");
        var code = Mac(key, JsonLabel, unsigned);
        var at = LastIndexOf(unsigned, Encoding.ASCII.GetBytes($"\"code\": \"{Placeholder}\""));
        var signed = (byte[])unsigned.Clone();
        Encoding.ASCII.GetBytes(code, signed.AsSpan(at + "\"code\": \"".Length, 64));
        return (signed, code);
    }

    /// <summary>Appends the verification line to a PDF.</summary>
    public byte[] SignPdf(byte[] pdf)
    {
        var (keyId, key) = keys.Current;
        var code = Mac(key, PdfLabel, pdf);
        var trailer = Encoding.ASCII.GetBytes($"\n%cartero-constancia clave={keyId} codigo={code}\n");
        return [.. pdf, .. trailer];
    }

    /// <summary>Checks a proof file (JSON or PDF, told apart by its first bytes).</summary>
    public ProofVerification Verify(byte[] file)
    {
        if (file.AsSpan().StartsWith(PdfMagic))
        {
            return VerifyPdf(file);
        }

        var start = 0;
        while (start < file.Length && file[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            start++;
        }

        return start < file.Length && file[start] == (byte)'{'
            ? VerifyJson(file)
            : new ProofVerification(false, "desconocido", "El archivo no es una constancia de Cartero: no es un PDF ni un JSON. Use el archivo .pdf o .json que descargó del detalle del correo.");
    }

    private ProofVerification VerifyJson(byte[] file)
    {
        string? keyId;
        string? code;
        Guid? emailId;
        try
        {
            using var document = JsonDocument.Parse(file);
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                return new ProofVerification(false, "json", $"El JSON no es una constancia de envío de Cartero (falta \"format\": \"{Format}\").");
            }

            if (!root.TryGetProperty("verification", out var verification) || verification.ValueKind != JsonValueKind.Object)
            {
                return new ProofVerification(false, "json", "La constancia no tiene la sección \"verification\" con su código: está incompleta o fue alterada.");
            }

            keyId = verification.TryGetProperty("keyId", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            code = verification.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            emailId = root.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("emailId", out var e) && e.TryGetGuid(out var g) ? g : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return new ProofVerification(false, "json", $"La constancia JSON está dañada: no es JSON válido ({ex.Message}). Fue modificada después de descargarla; pida una nueva desde el detalle del correo.");
        }

        if (code is null || !HexCode().IsMatch(code))
        {
            return new ProofVerification(false, "json", "El código de verificación falta o no tiene 64 dígitos hexadecimales: la constancia fue alterada.");
        }

        var at = LastIndexOf(file, Encoding.ASCII.GetBytes($"\"code\": \"{code}\""));
        if (at < 0)
        {
            return new ProofVerification(false, "json", "El código de verificación no está escrito como Cartero lo escribe: el archivo fue reformateado o alterado.");
        }

        if (keyId is null || !keys.TryGet(keyId, out var key))
        {
            return UnknownKey("json", keyId);
        }

        var unsigned = (byte[])file.Clone();
        Encoding.ASCII.GetBytes(Placeholder, unsigned.AsSpan(at + "\"code\": \"".Length, 64));
        return Same(Mac(key, JsonLabel, unsigned), code)
            ? new ProofVerification(true, "json", $"Constancia JSON íntegra: el código {code} corresponde a su contenido (clave {keyId}).", emailId, code)
            : new ProofVerification(false, "json", "Constancia ALTERADA: el código de verificación no corresponde al contenido del archivo (se cambió al menos un byte). No la acepte; pida una constancia nueva desde el detalle del correo.", emailId);
    }

    private ProofVerification VerifyPdf(byte[] file)
    {
        var text = Encoding.Latin1.GetString(file, Math.Max(0, file.Length - 512), Math.Min(512, file.Length));
        var match = PdfTrailer().Match(text);
        if (!match.Success)
        {
            return new ProofVerification(false, "pdf", "El PDF no termina con la línea de verificación de Cartero (%cartero-constancia …): no es una constancia de Cartero, o fue modificado o guardado de nuevo con otro programa.");
        }

        var trailerLength = Encoding.Latin1.GetByteCount(match.Value);
        var keyId = match.Groups["clave"].Value;
        var code = match.Groups["codigo"].Value;
        if (!keys.TryGet(keyId, out var key))
        {
            return UnknownKey("pdf", keyId);
        }

        return Same(Mac(key, PdfLabel, file.AsSpan(0, file.Length - trailerLength)), code)
            ? new ProofVerification(true, "pdf", $"Constancia PDF íntegra: el código {code} corresponde a su contenido (clave {keyId}).", Code: code)
            : new ProofVerification(false, "pdf", "Constancia ALTERADA: el código de verificación no corresponde al contenido del PDF (se cambió al menos un byte). No la acepte; pida una constancia nueva desde el detalle del correo.");
    }

    private ProofVerification UnknownKey(string kind, string? keyId) => new(false, kind,
        $"La constancia dice estar firmada con la clave maestra '{keyId}', que no está en {keys.Location}: o la constancia es de otra instalación o fue alterada, o falta restaurar esa clave desde el respaldo.");

    private static string Mac(byte[] key, byte[] label, ReadOnlySpan<byte> content)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(label);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    private static bool Same(string a, string b) =>
        a.Length == b.Length && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static int LastIndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().LastIndexOf(needle);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexCode();

    [GeneratedRegex(@"\n%cartero-constancia clave=(?<clave>[A-Za-z0-9_-]{1,100}) codigo=(?<codigo>[0-9a-f]{64})\n\z")]
    private static partial Regex PdfTrailer();
}

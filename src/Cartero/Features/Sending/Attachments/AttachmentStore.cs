using System.Security.Cryptography;
using Cartero.Platform;
using Cartero.Platform.Data;

namespace Cartero.Features.Sending.Attachments;

/// <summary>
/// Attachment bytes under <c>&lt;data&gt;/attachments/ab/cd/&lt;sha256&gt;</c>: content-addressed, so the same
/// invoice PDF is stored once however many emails carry it, and a file's name proves its content. Folders are
/// <c>0700</c> and files <c>0600</c>: attachments can be clinical documents.
/// </summary>
public sealed class AttachmentStore(DataDirectory data)
{
    public Task<StoredAttachment> SaveAsync(byte[] content, CancellationToken cancellationToken) =>
        SaveAsync(content, Convert.ToHexStringLower(SHA256.HashData(content)), cancellationToken);

    /// <summary>Stores bytes whose SHA-256 the caller computed already from these very bytes.</summary>
    public async Task<StoredAttachment> SaveAsync(byte[] content, string sha, CancellationToken cancellationToken)
    {
        var path = PathOf(sha);
        if (File.Exists(path))
        {
            return new StoredAttachment(content.Length, sha);
        }

        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = PrivateFiles.CreateFile(temp))
            {
                await file.WriteAsync(content, cancellationToken);
            }

            // Concurrent writers of the same content race harmlessly: whichever rename lands, the bytes are equal.
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex)
        {
            // A full disk or a cancelled request must not leave half a file behind.
            TryDelete(temp);
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new StorageUnavailableException($"No se pudo guardar el adjunto en {data.Attachments}: {ex.Message}", ex);
            }

            throw;
        }

        return new StoredAttachment(content.Length, sha);
    }

    public Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Falta el adjunto {sha256} en {data.Attachments}. Si varias instancias envían, la carpeta de adjuntos debe ser compartida.", path);
        }

        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the disk that failed the write may fail the delete too.
        }
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Removes a stored file (the retention job, once no email with content names it); a missing file is no error.</summary>
    public void Delete(string sha256) => TryDelete(PathOf(sha256));

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("El identificador del adjunto debe ser un SHA-256 en hexadecimal.", nameof(sha256));
        }

        var sha = sha256.ToLowerInvariant();
        return Path.Combine(data.Attachments, sha[..2], sha[2..4], sha);
    }
}

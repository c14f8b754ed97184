using System.Text;
using Cartero.Features.Sending.Attachments;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Sending;

/// <summary>
/// The encrypted attachment files of the protected mail types, for <c>keys rotate</c> and the start-up check. The store
/// names a file by the hash of its bytes, so a re-encrypted file is a new file: the email's attachment list is pointed at
/// it in the rotation's transaction, and the old file is removed after the commit. Emails whose content was purged are skipped.
/// </summary>
internal sealed class ProtectedMailAttachments(AttachmentStore store) : IPagedProtectedContent
{
    public string Name => $"{ProtectedContent.AttachmentPlace}.{ProtectedContent.AttachmentColumn}[notificacion_clinica]";

    public string Label => "adjunto cifrado de un correo clínico";

    public string IfLost => "el adjunto no puede recuperarse; el registro y sus eventos siguen siendo válidos. Si el correo no se envió, cancélelo y vuelva a enviar el documento desde la ficha del paciente.";

    public async Task<ProtectedPage> ReadPageAsync(CarteroDbContext db, Guid? after, int size, CancellationToken cancellationToken)
    {
        var types = ProtectedContent.ProtectedTypes;
        var query = db.Emails.Where(e => types.Contains(e.Type) && e.ContentPurgedAt == null);
        if (after is { } last)
        {
            query = query.Where(e => e.Id.CompareTo(last) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(size).ToListAsync(cancellationToken);
        var values = new List<PagedValue>();
        foreach (var email in rows)
        {
            foreach (var attachment in email.Attachments)
            {
                if (!store.Exists(attachment.Sha256))
                {
                    continue;
                }

                var stored = await ReadAllAsync(attachment.Sha256, cancellationToken);
                values.Add(new PagedValue(ProtectedContent.AttachmentPurpose(email.Id), stored, async (value, ct) =>
                {
                    var old = attachment.Sha256;
                    var saved = await store.SaveAsync(Encoding.ASCII.GetBytes(value), ct);
                    attachment.Sha256 = saved.Sha256;
                    // Each encrypted file is unique to its email (random nonce, bound to the email id): no one else names it.
                    return () => store.Delete(old);
                }));
            }
        }

        return new ProtectedPage(values, rows.Count == size ? rows[^1].Id : null);
    }

    /// <summary>
    /// The key id is in the first bytes of each file: the start-up check reads those heads, and the whole file only for
    /// the first one of each key id (its sample), instead of every clinical attachment in full.
    /// </summary>
    public async Task<IReadOnlyList<KeyIdUse>> KeyIdUsesAsync(CarteroDbContext db, IReadOnlyCollection<string> availableKeyIds, CancellationToken cancellationToken)
    {
        var types = ProtectedContent.ProtectedTypes;
        var uses = new Dictionary<string, (int Count, PagedValue Sample)>(StringComparer.Ordinal);
        var order = new List<string>();
        var head = new byte[KeyIdScan.HeadLength];
        Guid? after = null;
        while (true)
        {
            var query = db.Emails.AsNoTracking().Where(e => types.Contains(e.Type) && e.ContentPurgedAt == null);
            if (after is { } last)
            {
                query = query.Where(e => e.Id.CompareTo(last) > 0);
            }

            var rows = await query.OrderBy(e => e.Id).Take(ProtectedColumnRegistry.PageSize).ToListAsync(cancellationToken);
            foreach (var email in rows)
            {
                foreach (var attachment in email.Attachments.Where(a => store.Exists(a.Sha256)))
                {
                    int read;
                    await using (var file = await store.OpenReadAsync(attachment.Sha256, cancellationToken))
                    {
                        read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                    }

                    var key = SecretFormat.KeyIdOf(Encoding.ASCII.GetString(head, 0, read)) ?? "";
                    if (uses.TryGetValue(key, out var use))
                    {
                        uses[key] = (use.Count + 1, use.Sample);
                        continue;
                    }

                    uses[key] = (1, new PagedValue(ProtectedContent.AttachmentPurpose(email.Id),
                        await ReadAllAsync(attachment.Sha256, cancellationToken), KeyIdScan.ReadOnlySample));
                    order.Add(key);
                }
            }

            if (rows.Count < ProtectedColumnRegistry.PageSize)
            {
                break;
            }

            after = rows[^1].Id;
        }

        return [.. order.Select(k => new KeyIdUse(k.Length == 0 ? null : k, uses[k].Count, uses[k].Sample))];
    }

    private async Task<string> ReadAllAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var file = await store.OpenReadAsync(sha256, cancellationToken);
        using var reader = new StreamReader(file, Encoding.ASCII);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}

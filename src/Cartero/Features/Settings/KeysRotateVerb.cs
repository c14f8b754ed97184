using Cartero.Features.Audit;
using Cartero.Platform.Cli;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Settings;

/// <summary><c>keys rotate</c>: a new master key, every stored secret re-encrypted with it in one transaction.</summary>
internal sealed class KeysRotateVerb(MasterKeyRing keys, ISecretProtector secrets, CarteroDbContext db, IAuditTrail audit) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["keys", "rotate"];

    public string Usage => "keys rotate   crea una clave maestra nueva y vuelve a cifrar los secretos con ella";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var newKey = keys.Rotate();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.MailSettings.ToListAsync(cancellationToken);
            var count = 0;
            foreach (var row in rows)
            {
                if (row.PasswordEncrypted is { } password)
                {
                    row.PasswordEncrypted = secrets.Protect(secrets.Unprotect(password));
                    count++;
                }

                if (row.ApiKeyEncrypted is { } apiKey)
                {
                    row.ApiKeyEncrypted = secrets.Protect(secrets.Unprotect(apiKey));
                    count++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditRecord($"cli:{Environment.UserName}", null, "rotar_clave_maestra", "claves", new { clave = newKey, secretos = count }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
            await output.WriteLineAsync($"Clave maestra nueva '{newKey}' en {keys.Location}; {count} secreto(s) cifrados de nuevo. Respalde la carpeta de claves; las claves anteriores pueden archivarse cuando ya no haya respaldos de base de datos que las necesiten.");
            return 0;
        }
        catch (SecretKeyException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}

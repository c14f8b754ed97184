using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Cli;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Settings;

/// <summary>
/// <c>keys rotate</c>: a new master key, and every value of the <see cref="ProtectedColumnRegistry"/> re-encrypted with
/// it in one transaction, audited with the count per column. Nothing changes (no key is made) unless every value opens.
/// Clinical content (documents, the body and attachments of clinical mail) is read and rewritten in pages; the old
/// encrypted attachment files are removed only after the commit.
/// </summary>
internal sealed class KeysRotateVerb(MasterKeyRing keys, ISecretProtector secrets, ProtectedColumnRegistry registry, CarteroDbContext db, IAuditTrail audit) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["keys", "rotate"];

    public string Usage => "keys rotate   crea una clave maestra nueva y vuelve a cifrar con ella todos los valores protegidos";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            // The paged content (clinical) is checked first: paging clears the tracker that holds the other rows.
            var pagedFailures = await registry.VerifyPagedAsync(db, secrets, cancellationToken);
            var scan = await registry.OpenAllAsync(db, secrets, cancellationToken);
            var failures = pagedFailures.Concat(scan.Failures).ToList();
            if (failures.Count > 0)
            {
                await error.WriteLineAsync($"No se rotó la clave: {failures.Count} valor(es) protegido(s) no se pueden descifrar.");
                foreach (var failure in failures)
                {
                    await error.WriteLineAsync("- " + failure);
                }

                return 1;
            }

            var newKey = keys.Rotate();
            foreach (var value in scan.Opened)
            {
                value.Cell.Write(secrets.Protect(value.Plaintext, value.Cell.Purpose));
            }

            // Every registered column is listed, also with 0, so the record shows what rotation covered.
            var perColumn = registry.Columns.ToDictionary(
                c => c.Name, c => scan.Opened.Count(o => ReferenceEquals(o.Cell.Column, c)), StringComparer.Ordinal);
            await db.SaveChangesAsync(cancellationToken);
            var paged = await registry.ReprotectPagedAsync(db, secrets, cancellationToken);
            foreach (var (entry, count) in paged.PerEntry)
            {
                perColumn[entry] = count;
            }

            var total = perColumn.Values.Sum();
            await audit.RecordAsync(AuditRecord.Of($"cli:{Environment.UserName}", null, AuditAction.RotateMasterKey, "claves",
                new RotateMasterKeyDetails(newKey, total, perColumn)), cancellationToken);
            await tx.CommitAsync(cancellationToken);
            foreach (var cleanUp in paged.AfterCommit)
            {
                cleanUp();
            }

            await output.WriteLineAsync($"Clave maestra nueva '{newKey}' en {keys.Location}; {total} secreto(s) cifrados de nuevo:");
            foreach (var (column, count) in perColumn)
            {
                await output.WriteLineAsync($"  {column}: {count}");
            }

            await output.WriteLineAsync("Respalde la carpeta de claves; las claves anteriores pueden archivarse cuando ya no haya respaldos de base de datos que las necesiten.");
            return 0;
        }
        catch (SecretKeyException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}

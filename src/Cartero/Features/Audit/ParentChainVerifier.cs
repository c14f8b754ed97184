namespace Cartero.Features.Audit;

/// <summary>
/// Checks per-parent event chains (<c>factura_evento</c>, <c>log_envio_correo_evento</c>): within each parent the events
/// are numbered 1…n without gaps, each one's HMAC holds under the key it names and links to the one before, and the parent
/// row's count and head name the last one. Whole parents deleted, or events cut from a parent's end together with its
/// count, show against the checkpoint; unkeyed events only as counted by the seal.
/// </summary>
internal static class ParentChainVerifier
{
    public static async Task<ChainVerification> VerifyAsync<T>(
        string table,
        string parentNoun,
        IAsyncEnumerable<ChainedEvent<T>> events,
        Func<byte[], T, string, string> compute,
        ChainKeys keys,
        CancellationToken cancellationToken)
    {
        long checkedRows = 0;
        Guid? parent = null;
        var expected = 1;
        var previous = ChainMac.Genesis;
        ChainedEvent<T>? last = null;
        ChainVerification Broken(long? id, string problem) => new(table, false, checkedRows, id, problem);

        string? CloseParent()
        {
            if (last is null)
            {
                return null;
            }

            if (last.ParentCount is not { } count)
            {
                return $"Los eventos del {parentNoun} {last.ParentId} quedaron sin su {parentNoun}: se borró la fila principal.";
            }

            if (count != last.Sequence || last.ParentHead != last.Hash)
            {
                return count > last.Sequence
                    ? $"El {parentNoun} {last.ParentId} registra {count} eventos y solo quedan {last.Sequence}: se borraron los últimos."
                    : $"La cabeza de la cadena del {parentNoun} {last.ParentId} no es su último evento (se agregaron, borraron o reescribieron eventos).";
            }

            return null;
        }

        await foreach (var row in events.WithCancellation(cancellationToken))
        {
            if (row.ParentId != parent)
            {
                if (CloseParent() is { } problem)
                {
                    return Broken(last!.Id, problem);
                }

                parent = row.ParentId;
                expected = 1;
                previous = ChainMac.Genesis;
            }

            if (row.Sequence != expected)
            {
                return Broken(row.Id, row.Sequence < expected
                    ? $"El evento {row.Sequence} del {parentNoun} {row.ParentId} está repetido (fila {row.Id})."
                    : $"Falta el evento {expected} del {parentNoun} {row.ParentId}: la cadena salta al {row.Sequence} (se borraron o renumeraron eventos).");
            }

            if (row.KeyId is null || !keys.TryGet(row.KeyId, out var key))
            {
                return Broken(row.Id, $"El evento {row.Sequence} del {parentNoun} {row.ParentId} está firmado con la clave '{row.KeyId}', que no está en {keys.Location}: restaure esa clave desde su respaldo para poder comprobarlo.");
            }

            if (!ChainMac.Same(compute(key, row.Event, previous), row.Hash))
            {
                return Broken(row.Id, $"El evento {row.Sequence} del {parentNoun} {row.ParentId} (fila {row.Id}) fue modificado, cambiado de lugar o su hash recalculado sin la clave (la firma HMAC no coincide).");
            }

            previous = row.Hash!;
            expected++;
            last = row;
            checkedRows++;
        }

        return CloseParent() is { } end ? Broken(last!.Id, end) : new ChainVerification(table, true, checkedRows, null, null);
    }
}

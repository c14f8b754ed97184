namespace Cartero.Features.Invoicing.Archive;

/// <summary>
/// One kind of authorised comprobante for the contador's archive (facturas today; notas de crédito add theirs):
/// its documents issued in a date range, read in pages so a month of any size streams.
/// </summary>
internal interface IArchiveSource
{
    /// <summary>The stored code of the comprobante kind, also the first part of its file names ("factura").</summary>
    string DocumentType { get; }

    /// <summary>Authorised documents with a fecha de emisión (Ecuador) in [<paramref name="from"/>, <paramref name="until"/>], in a stable order.</summary>
    IAsyncEnumerable<ArchivedDocument> ReadAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken);
}

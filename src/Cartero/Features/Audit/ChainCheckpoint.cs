namespace Cartero.Features.Audit;

/// <summary>
/// One line of the checkpoint log: how long each chain was and what its head was at <see cref="At"/>, signed with the
/// chain key <see cref="KeyId"/> so a line edited outside Cartero is recognised.
/// </summary>
/// <remarks>
/// <see cref="CreditNotes"/> (the notas de crédito and their chained events) is null on lines written before notes were
/// counted; the MAC covers it only when present, so those older lines still verify.
/// <see cref="Shrunk"/> is set when, at writing time, a chain held less than the previous checkpoint said: the deletion is
/// then on record even though this checkpoint's counts already lack the deleted rows.
/// </remarks>
public sealed record ChainCheckpoint(
    DateTime At, string KeyId, long AuditRows, string AuditHead, ParentChainCount Invoices, ParentChainCount Emails, string? Shrunk, string Mac,
    ParentChainCount? CreditNotes = null)
{
    public string ComputeMac(byte[] key) => CreditNotes is null
        ? ChainMac.Compute(key, "punto_de_control", ChainMac.Format(At), KeyId, ChainMac.Format(AuditRows), AuditHead,
            Invoices.UpTo, ChainMac.Format(Invoices.Parents), ChainMac.Format(Invoices.Events),
            Emails.UpTo, ChainMac.Format(Emails.Parents), ChainMac.Format(Emails.Events), Shrunk)
        : ChainMac.Compute(key, "punto_de_control", ChainMac.Format(At), KeyId, ChainMac.Format(AuditRows), AuditHead,
            Invoices.UpTo, ChainMac.Format(Invoices.Parents), ChainMac.Format(Invoices.Events),
            Emails.UpTo, ChainMac.Format(Emails.Parents), ChainMac.Format(Emails.Events), Shrunk,
            "nota_credito", CreditNotes.UpTo, ChainMac.Format(CreditNotes.Parents), ChainMac.Format(CreditNotes.Events));
}

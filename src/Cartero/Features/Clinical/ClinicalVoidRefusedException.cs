namespace Cartero.Features.Clinical;

/// <summary>"Anular" refused: the message (Spanish) says why (not the author, no permission, already voided); nothing changed.</summary>
public sealed class ClinicalVoidRefusedException(string reason) : Exception(reason);

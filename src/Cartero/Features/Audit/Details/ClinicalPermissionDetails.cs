using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The clinical permission granted or revoked and whether the user is an optometrist. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ClinicalPermissionDetails(
    [property: JsonPropertyName("permiso")] string Permission,
    [property: JsonPropertyName("esOptometrista")] bool IsOptometrist);

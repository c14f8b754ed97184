using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>
/// A settings diff: field name to what changed (usually <c>{ antes, despues }</c>). Stored as the bare dictionary, as
/// before the details were typed, so old rows and new ones read the same.
/// </summary>
[JsonConverter(typeof(SettingsChangesDetailsConverter))]
public sealed record SettingsChangesDetails(IReadOnlyDictionary<string, object?> Changes);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Writes <see cref="SettingsChangesDetails"/> as its dictionary alone (no wrapping property).</summary>
public sealed class SettingsChangesDetailsConverter : JsonConverter<SettingsChangesDetails>
{
    public override SettingsChangesDetails Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<Dictionary<string, object?>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, SettingsChangesDetails value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Changes, options);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace Cartero.Features.Templates;

/// <summary>
/// A JSON object as a Liquid value that remembers every member a template asked for and the data lacked,
/// so rendering can fail with the full list instead of printing blanks. A member present with
/// <c>null</c> counts as given (an optional value left empty on purpose).
/// </summary>
internal sealed class StrictJsonValue(JsonObject json, string path, List<string> missing) : ObjectValueBase(json)
{
    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context)
    {
        if (json.TryGetPropertyValue(name, out var node))
        {
            return ValueTask.FromResult(Convert(node, $"{path}.{name}", missing));
        }

        if (name == "size")
        {
            return ValueTask.FromResult<FluidValue>(NumberValue.Create(json.Count));
        }

        missing.Add($"{path}.{name}");
        return ValueTask.FromResult<FluidValue>(NilValue.Instance);
    }

    public static FluidValue Convert(JsonNode? node, string path, List<string> missing) => node switch
    {
        null => NilValue.Instance,
        JsonObject obj => new StrictJsonValue(obj, path, missing),
        JsonArray array => new ArrayValue(array.Select((item, i) => Convert(item, $"{path}[{i}]", missing)).ToArray()),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new StringValue(value.GetValue<string>()),
            JsonValueKind.Number => NumberValue.Create(value.GetValue<decimal>()),
            JsonValueKind.True => BooleanValue.True,
            JsonValueKind.False => BooleanValue.False,
            _ => NilValue.Instance,
        },
        _ => NilValue.Instance,
    };
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;

namespace Cartero.Bench;

/// <summary>
/// (e) The floor of receiving a request: only turning the JSON bodies the load generator posts (batches of 100) into
/// the API's request type, with the serializer options of ASP.NET Core's minimal APIs. Nothing else of the request.
/// </summary>
internal static class JsonFloor
{
    public static BenchResult Run((string Subject, string Html, string Text) sample, int messages)
    {
        const int batch = 100;
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["items"] = new JsonArray([.. Enumerable.Range(0, batch).Select(i => (JsonNode)new JsonObject
            {
                ["type"] = "pedido",
                ["to"] = new JsonObject { ["address"] = $"cliente{i}@correo.ec", ["kind"] = "cliente" },
                ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = $"P-{i}" },
                ["subject"] = sample.Subject, ["html"] = sample.Html, ["text"] = sample.Text,
            })]),
        });
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        for (var i = 0; i < 50; i++)
        {
            JsonSerializer.Deserialize<EnqueueEmailBatchRequest>(body, options);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var items = 0;
        for (var done = 0; done < messages; done += batch)
        {
            items += JsonSerializer.Deserialize<EnqueueEmailBatchRequest>(body, options)!.Items!.Count;
        }

        return new BenchResult("(e) suelo: solo leer el JSON de los lotes", items, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}

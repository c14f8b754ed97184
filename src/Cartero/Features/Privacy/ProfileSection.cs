using System.Text.Json;
using Cartero.Features.Store;
using Cartero.Platform.Web;

namespace Cartero.Features.Privacy;

/// <summary>The customer record of the store (<c>cliente</c>) and, when there is one, the panel account linked to it.</summary>
internal sealed class ProfileSection : IPersonalDataSection
{
    public string Key => "perfil";

    public string Title => "Su ficha de cliente";

    public Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var c = subject.Customer;
        json.WriteStartObject();
        json.WriteString("id", c.Id);
        json.WriteString("nombres", c.Names);
        json.WriteString("tipo_identificacion", c.IdType);
        json.WriteString("identificacion", c.IdNumber);
        json.WriteString("correo", c.Email);
        json.WriteString("telefono", c.Phone);
        json.WriteString("direccion", c.Address);
        json.WriteString("fecha_creacion", EcuadorTime.IsoWithOffset(c.CreatedAt));
        json.WriteString("fecha_actualizacion", EcuadorTime.IsoWithOffset(c.UpdatedAt));
        if (subject.UserId is { } userId)
        {
            json.WriteStartObject("cuenta_del_panel");
            json.WriteString("id", userId);
            json.WriteString("correo", subject.UserEmail);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("cuenta_del_panel");
        }

        json.WriteEndObject();
        return Task.CompletedTask;
    }

    public Task WriteSummaryAsync(DataSubject subject, SummaryWriter html, CancellationToken cancellationToken)
    {
        var c = subject.Customer;
        return html.FieldsAsync(
        [
            ("Nombres", c.Names),
            ("Identificación", $"{IdentificationName(c.IdType)} {c.IdNumber}"),
            ("Correo", c.Email),
            ("Teléfono", c.Phone),
            ("Dirección", c.Address),
            ("Cliente desde", SummaryWriter.Date(c.CreatedAt)),
            ("Última actualización", SummaryWriter.Date(c.UpdatedAt)),
            ("Cuenta para ver sus correos", subject.UserEmail ?? "no tiene"),
        ]);
    }

    public Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string IdentificationName(string type) => type switch
    {
        IdentificationTypes.Cedula => "Cédula",
        IdentificationTypes.Ruc => "RUC",
        IdentificationTypes.Pasaporte => "Pasaporte",
        _ => "Consumidor final",
    };
}

using System.Globalization;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Cuenta;

/// <summary>
/// The page a bodiless error answer of the panel becomes (status code pages re-execute here), in Spanish and in the
/// layout; the status code of the original answer is kept. It runs for any method, as the original request did.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class EstadoModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string BackLink { get; private set; } = "/";
    public string BackText { get; private set; } = "Volver al inicio";

    public void OnGet(int codigo) => Describe(codigo);

    public void OnPost(int codigo) => Describe(codigo);

    private void Describe(int codigo)
    {
        // Only reached through the re-execution; a direct visit just shows the text for that code.
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        switch (codigo)
        {
            case StatusCodes.Status429TooManyRequests:
                var seconds = HttpContext.Items[PanelModule.RetryAfterItem] as int? ?? 60;
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                Title = "Demasiados intentos";
                Explanation = $"Se recibieron demasiados intentos desde su dirección en poco tiempo. Espere {seconds} segundos y vuelva a intentarlo.";
                if (original?.OriginalPath is { Length: > 0 } path && path.StartsWith("/cuenta/", StringComparison.OrdinalIgnoreCase))
                {
                    BackLink = path;
                    BackText = "Volver a intentarlo";
                }

                break;
            case StatusCodes.Status404NotFound:
                Title = "Página no encontrada";
                Explanation = "La dirección no existe o lo que buscaba ya no está. Revise el enlace o vuelva al inicio.";
                break;
            case StatusCodes.Status400BadRequest:
                Title = "Solicitud no válida";
                Explanation = "No se pudo procesar el formulario (quizá estuvo abierto demasiado tiempo). Vuelva a la página, recárguela y envíelo otra vez.";
                break;
            case StatusCodes.Status403Forbidden:
                Title = "Acceso denegado";
                Explanation = "Su usuario no tiene permiso para esta acción. Si lo necesita, pida a un administrador que le asigne el rol correspondiente.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                Title = "Acción no permitida";
                Explanation = "Esta página no admite esa acción. Vuelva a la página y use sus botones.";
                break;
            default:
                Title = "No se pudo completar la solicitud";
                Explanation = $"El servidor respondió con el código {codigo}. Vuelva a intentarlo en unos minutos; si persiste, avise a soporte.";
                break;
        }

        if (original is null)
        {
            Response.StatusCode = codigo is >= 400 and <= 599 ? codigo : StatusCodes.Status404NotFound;
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Cartero.Pages.Cuenta;

/// <summary>The fields of the own-password page.</summary>
public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Escriba su contraseña actual.")]
    [DataType(DataType.Password)]
    [Display(Name = "Contraseña actual")]
    public string? Current { get; set; }

    [Required(ErrorMessage = "Escriba la contraseña nueva.")]
    [DataType(DataType.Password)]
    [Display(Name = "Contraseña nueva")]
    public string? New { get; set; }

    [Required(ErrorMessage = "Repita la contraseña nueva.")]
    [DataType(DataType.Password)]
    [Compare(nameof(New), ErrorMessage = "Las dos contraseñas nuevas no coinciden.")]
    [Display(Name = "Repita la contraseña nueva")]
    public string? Confirm { get; set; }
}

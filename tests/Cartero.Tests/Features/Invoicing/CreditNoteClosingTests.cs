using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Sri;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>Reading the SRI's codes back from a nota de crédito's kept refusal, to offer a correction or only "abandonar".</summary>
public sealed class CreditNoteClosingTests
{
    [Fact]
    public void A_code_the_same_clave_cannot_pass_is_found_on_its_own_line_or_split_over_several()
    {
        var oneLine = new MensajeSri("45", "SECUENCIAL REGISTRADO", "ya existe", "ERROR").ToString();
        var split = new MensajeSri("45", "SECUENCIAL REGISTRADO", "ya existe\nen la base del SRI", "ERROR").ToString();
        var untyped = new MensajeSri("65", "FECHA EMISION EXTEMPORANEA", null, null).ToString();

        Assert.True(CreditNoteClosing.RefusedForGood("Devuelta por el SRI:\n" + oneLine));
        Assert.True(CreditNoteClosing.RefusedForGood("Devuelta por el SRI:\n" + split));
        Assert.True(CreditNoteClosing.RefusedForGood(untyped));
    }

    [Fact]
    public void A_correctable_error_or_a_warning_leaves_the_correction_open()
    {
        var correctable = new MensajeSri("35", "ARCHIVO NO CUMPLE ESTRUCTURA XML", "motivo vacío", "ERROR").ToString();
        var warning = new MensajeSri("45", "SECUENCIAL REGISTRADO", null, "ADVERTENCIA").ToString();

        Assert.False(CreditNoteClosing.RefusedForGood(correctable));
        Assert.False(CreditNoteClosing.RefusedForGood(warning + "\n" + correctable));
        Assert.False(CreditNoteClosing.RefusedForGood(null));
    }
}

using Cartero.Features.Invoicing;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// The legal steps of an invoice, written out here from the SRI's offline flow (recepción, then autorización; a
/// DEVUELTA or NO AUTORIZADO invoice is corrected and starts again with the same clave) independently of the machine's
/// table, and compared with the machine both ways.
/// </summary>
public sealed class InvoiceStateMachineTests
{
    private static readonly InvoiceStatus[] States =
    [
        InvoiceStatus.Generada, InvoiceStatus.Firmada, InvoiceStatus.EnviadaSri, InvoiceStatus.Recibida,
        InvoiceStatus.Devuelta, InvoiceStatus.Autorizada, InvoiceStatus.NoAutorizada, InvoiceStatus.Abandonada, InvoiceStatus.Anulada,
    ];

    private static readonly (InvoiceStatus From, InvoiceStatus To)[] Expected =
    [
        (InvoiceStatus.Generada, InvoiceStatus.Firmada),
        // Stopped before signing: the fecha de emisión left the SRI's window while the invoice waited.
        (InvoiceStatus.Generada, InvoiceStatus.Devuelta),
        (InvoiceStatus.Firmada, InvoiceStatus.EnviadaSri),
        // Recepción answers RECIBIDA or DEVUELTA.
        (InvoiceStatus.EnviadaSri, InvoiceStatus.Recibida),
        (InvoiceStatus.EnviadaSri, InvoiceStatus.Devuelta),
        // Autorización answers AUTORIZADO or NO AUTORIZADO.
        (InvoiceStatus.Recibida, InvoiceStatus.Autorizada),
        (InvoiceStatus.Recibida, InvoiceStatus.NoAutorizada),
        // A correction rebuilds the XML with the same clave and secuencial.
        (InvoiceStatus.Devuelta, InvoiceStatus.Generada),
        (InvoiceStatus.NoAutorizada, InvoiceStatus.Generada),
        // Codes 45 and 65 cannot be fixed with the same clave: the invoice is closed and issued again under a new secuencial.
        (InvoiceStatus.Devuelta, InvoiceStatus.Abandonada),
        (InvoiceStatus.NoAutorizada, InvoiceStatus.Abandonada),
        // An authorised invoice annulled by the issuer in the SRI's portal.
        (InvoiceStatus.Autorizada, InvoiceStatus.Anulada),
    ];

    public static TheoryData<InvoiceStatus, InvoiceStatus> Legal => new(Expected.Select(p => (p.From, p.To)));

    public static TheoryData<InvoiceStatus, InvoiceStatus> Illegal => new(
        States.SelectMany(from => States.Select(to => (from, to))).Where(p => !Expected.Contains(p)));

    private static Invoice NewInvoice(InvoiceStatus status) => new()
    {
        Id = Guid.CreateVersion7(), Status = status, Environment = "pruebas", Establishment = "001", EmissionPoint = "002", Sequential = 77,
        AccessKey = new string('1', 49), IssuerRuc = "1792146739001", IssuerName = "Óptica Visión", BuyerIdType = "04",
        BuyerId = "1790012344001", BuyerName = "Óptica Los Andes S.A.", OriginatedBy = "erp", GeneratedXml = "<factura/>",
    };

    [Fact]
    public void The_test_names_every_state()
    {
        Assert.Equal(Enum.GetValues<InvoiceStatus>().Order(), States.Order());
        Assert.Equal(Expected.Length, Expected.Distinct().Count());
    }

    [Fact]
    public void The_machine_allows_exactly_the_listed_steps()
    {
        var allowedByMachine = States.SelectMany(from => States.Select(to => (from, to)))
            .Where(p => InvoiceStateMachine.CanTransition(p.from, p.to))
            .ToHashSet();

        var missing = Expected.Except(allowedByMachine).ToList();
        var extra = allowedByMachine.Except(Expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"La máquina no permite: {string.Join(", ", missing)}; permite sin estar en la lista: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(Legal))]
    public void A_legal_step_changes_the_state_and_appends_one_event(InvoiceStatus from, InvoiceStatus to)
    {
        var invoice = NewInvoice(from);
        var machine = new InvoiceStateMachine(TimeProvider.System);

        var evt = machine.Transition(invoice, to, "detalle", "procesador", "<mensajes/>");

        Assert.Equal(to, invoice.Status);
        Assert.Same(evt, Assert.Single(invoice.Events));
        Assert.Equal(from, evt.PreviousStatus);
        Assert.Equal(to, evt.Status);
        Assert.Equal("procesador", evt.Actor);
        Assert.Equal("<mensajes/>", evt.SriMessages);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void An_illegal_step_is_rejected_with_its_own_type_and_leaves_no_trace(InvoiceStatus from, InvoiceStatus to)
    {
        var invoice = NewInvoice(from);
        var machine = new InvoiceStateMachine(TimeProvider.System);

        var ex = Assert.Throws<InvalidInvoiceTransitionException>(() => machine.Transition(invoice, to, "detalle", "procesador"));

        Assert.Equal(from, invoice.Status);
        Assert.Empty(invoice.Events);
        Assert.Equal(from, ex.From);
        Assert.Equal(to, ex.To);
        Assert.Contains(from.ToCode(), ex.Message);
    }

    [Fact]
    public void A_note_records_an_event_without_changing_the_state()
    {
        var invoice = NewInvoice(InvoiceStatus.Recibida);
        var machine = new InvoiceStateMachine(TimeProvider.System);

        var evt = machine.Note(invoice, "El SRI aún procesa la autorización", "procesador");

        Assert.Equal(InvoiceStatus.Recibida, invoice.Status);
        Assert.Equal(InvoiceStatus.Recibida, evt.Status);
        Assert.Equal(InvoiceStatus.Recibida, evt.PreviousStatus);
    }
}

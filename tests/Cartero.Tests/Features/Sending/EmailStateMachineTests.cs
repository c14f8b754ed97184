using Cartero.Features.Sending;

namespace Cartero.Tests.Features.Sending;

/// <summary>
/// The legal transitions of an email, written out here from DESIGN §3 independently of the machine's table, and
/// compared with the machine both ways: every pair listed is allowed, every pair not listed is refused.
/// </summary>
public sealed class EmailStateMachineTests
{
    /// <summary>Every state, named here so a state added to the enum without a decision about its transitions fails the tests.</summary>
    private static readonly EmailStatus[] States =
    [
        EmailStatus.EnCola, EmailStatus.Enviando, EmailStatus.Reintento, EmailStatus.Enviado, EmailStatus.Entregado,
        EmailStatus.Abierto, EmailStatus.Fallido, EmailStatus.Rebotado, EmailStatus.Cancelado,
    ];

    private static readonly (EmailStatus From, EmailStatus To)[] Expected =
    [
        // Waiting: a worker claims it, a person cancels it, or it is closed without sending (a test that died, a bad row).
        (EmailStatus.EnCola, EmailStatus.Enviando),
        (EmailStatus.EnCola, EmailStatus.Cancelado),
        (EmailStatus.EnCola, EmailStatus.Fallido),
        (EmailStatus.Reintento, EmailStatus.Enviando),
        (EmailStatus.Reintento, EmailStatus.Cancelado),
        (EmailStatus.Reintento, EmailStatus.Fallido),
        // Sending: the provider's answer; a lease taken over; handed back without an attempt (account paused, stop).
        (EmailStatus.Enviando, EmailStatus.Enviado),
        (EmailStatus.Enviando, EmailStatus.Reintento),
        (EmailStatus.Enviando, EmailStatus.Fallido),
        (EmailStatus.Enviando, EmailStatus.Enviando),
        (EmailStatus.Enviando, EmailStatus.EnCola),
        // After the provider took it: what its webhooks report, in either order for delivered/opened.
        (EmailStatus.Enviado, EmailStatus.Entregado),
        (EmailStatus.Enviado, EmailStatus.Abierto),
        (EmailStatus.Enviado, EmailStatus.Rebotado),
        (EmailStatus.Entregado, EmailStatus.Abierto),
        (EmailStatus.Entregado, EmailStatus.Rebotado),
        // A person retries a failed email.
        (EmailStatus.Fallido, EmailStatus.EnCola),
    ];

    public static TheoryData<EmailStatus, EmailStatus> Legal => new(Expected.Select(p => (p.From, p.To)));

    public static TheoryData<EmailStatus, EmailStatus> Illegal => new(
        States.SelectMany(from => States.Select(to => (from, to))).Where(p => !Expected.Contains(p)));

    private static EmailLogEntry NewEntry(EmailStatus status) => new()
    {
        Id = Guid.CreateVersion7(), Type = "prueba", RecipientKind = "externo", ToAddress = "a@b.ec", Origin = "api",
        OriginatedBy = "t", Subject = "s", MessageId = "m@x", Status = status,
    };

    [Fact]
    public void The_test_names_every_state()
    {
        Assert.Equal(Enum.GetValues<EmailStatus>().Order(), States.Order());
        Assert.Equal(Expected.Length, Expected.Distinct().Count());
    }

    [Fact]
    public void The_machine_allows_exactly_the_listed_transitions()
    {
        var allowedByMachine = States.SelectMany(from => States.Select(to => (from, to)))
            .Where(p => EmailStateMachine.CanTransition(p.from, p.to))
            .ToHashSet();

        var missing = Expected.Except(allowedByMachine).ToList();
        var extra = allowedByMachine.Except(Expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"La máquina no permite: {string.Join(", ", missing)}; permite sin estar en la lista: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(Legal))]
    public void A_legal_transition_changes_the_state_and_appends_one_event(EmailStatus from, EmailStatus to)
    {
        var entry = NewEntry(from);
        var machine = new EmailStateMachine(TimeProvider.System);

        var evt = machine.Transition(entry, to, new TransitionDetail("detalle", 250, "smtp", 12, "worker"));

        Assert.Equal(to, entry.Status);
        var only = Assert.Single(entry.Events);
        Assert.Same(evt, only);
        Assert.Equal(from, evt.PreviousStatus);
        Assert.Equal(to, evt.Status);
        Assert.Equal(250, evt.Code);
        Assert.Equal("worker", evt.Actor);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void An_illegal_transition_is_rejected_and_leaves_no_trace(EmailStatus from, EmailStatus to)
    {
        var entry = NewEntry(from);
        var machine = new EmailStateMachine(TimeProvider.System);

        var ex = Assert.Throws<InvalidEmailTransitionException>(() => machine.Transition(entry, to, new TransitionDetail()));

        Assert.Equal(from, entry.Status);
        Assert.Empty(entry.Events);
        Assert.Equal(from, ex.From);
        Assert.Equal(to, ex.To);
        Assert.Contains(from.ToCode(), ex.Message);
    }

    [Fact]
    public void Codes_round_trip_and_unknown_codes_are_refused()
    {
        foreach (var status in States)
        {
            Assert.Equal(status, EmailStatusCodes.Parse(status.ToCode()));
        }

        Assert.Equal("en_cola", EmailStatus.EnCola.ToCode());
        Assert.Throws<ArgumentException>(() => EmailStatusCodes.Parse("sent"));
    }
}

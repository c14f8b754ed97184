using Cartero.Features.Sending;

namespace Cartero.Tests.Features.Sending;

public sealed class EmailStateMachineTests
{
    private static readonly EmailStatus[] All = Enum.GetValues<EmailStatus>();

    private static EmailLogEntry NewEntry(EmailStatus status) => new()
    {
        Id = Guid.CreateVersion7(), Type = "prueba", RecipientKind = "externo", ToAddress = "a@b.ec", Origin = "api",
        OriginatedBy = "t", Subject = "s", MessageId = "m@x", Status = status,
    };

    public static TheoryData<EmailStatus, EmailStatus> Legal => new()
    {
        { EmailStatus.EnCola, EmailStatus.Enviando },
        { EmailStatus.EnCola, EmailStatus.Cancelado },
        { EmailStatus.Reintento, EmailStatus.Enviando },
        { EmailStatus.Enviando, EmailStatus.Enviado },
        { EmailStatus.Enviando, EmailStatus.Reintento },
        { EmailStatus.Enviando, EmailStatus.Fallido },
        { EmailStatus.Enviando, EmailStatus.EnCola },
        { EmailStatus.Enviando, EmailStatus.Enviando },
        { EmailStatus.Enviado, EmailStatus.Entregado },
        { EmailStatus.Enviado, EmailStatus.Rebotado },
        { EmailStatus.Entregado, EmailStatus.Abierto },
        { EmailStatus.Fallido, EmailStatus.EnCola },
    };

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

    [Fact]
    public void Every_transition_outside_the_table_is_rejected_and_leaves_no_trace()
    {
        var legal = Legal.Select(row => row.Data).ToHashSet();
        var machine = new EmailStateMachine(TimeProvider.System);
        var rejected = 0;
        foreach (var from in All)
        {
            foreach (var to in All)
            {
                if (legal.Contains((from, to)) || EmailStateMachine.CanTransition(from, to))
                {
                    continue;
                }

                var entry = NewEntry(from);
                var ex = Assert.Throws<InvalidEmailTransitionException>(() => machine.Transition(entry, to, new TransitionDetail()));
                Assert.Equal(from, entry.Status);
                Assert.Empty(entry.Events);
                Assert.Contains(from.ToCode(), ex.Message);
                rejected++;
            }
        }

        Assert.True(rejected > 50, $"Solo se comprobaron {rejected} transiciones ilegales");
    }

    [Theory]
    [InlineData(EmailStatus.Enviado, EmailStatus.EnCola)]
    [InlineData(EmailStatus.Cancelado, EmailStatus.Enviando)]
    [InlineData(EmailStatus.Rebotado, EmailStatus.Enviado)]
    [InlineData(EmailStatus.EnCola, EmailStatus.Enviado)]
    [InlineData(EmailStatus.Abierto, EmailStatus.EnCola)]
    public void Notable_illegal_transitions_are_rejected(EmailStatus from, EmailStatus to) =>
        Assert.False(EmailStateMachine.CanTransition(from, to));

    [Fact]
    public void Codes_round_trip_and_unknown_codes_are_refused()
    {
        foreach (var status in All)
        {
            Assert.Equal(status, EmailStatusCodes.Parse(status.ToCode()));
        }

        Assert.Equal("en_cola", EmailStatus.EnCola.ToCode());
        Assert.Throws<ArgumentException>(() => EmailStatusCodes.Parse("sent"));
    }
}

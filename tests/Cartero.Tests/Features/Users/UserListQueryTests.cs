using Cartero.Features.Users;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cartero.Tests.Features.Users;

/// <summary>The user list reads every person's roles in one query, not one query per person.</summary>
public sealed class UserListQueryTests() : AppTestBase(null)
{
    [Fact]
    public async Task The_list_of_thirty_people_runs_as_many_commands_as_the_list_of_one()
    {
        var counter = new CommandCounter();
        var app = (await NewAppAsync(new Dictionary<string, string?> { [CommandCounter.Setting] = "Information" }))
            .WithServices(s => s.AddLogging(l => l.AddProvider(counter)));
        await AddPeopleAsync(app, 1);
        // What the app reads once and keeps (the roles that must use 2FA…) is not part of the list's cost.
        await CountListAsync(app, counter, expected: 1);
        var forOne = await CountListAsync(app, counter, expected: 1);

        await AddPeopleAsync(app, 29);
        var forThirty = await CountListAsync(app, counter, expected: 30);

        Assert.True(forOne > 0, "el contador no vio ningún comando");
        Assert.Equal(forOne, forThirty);
    }

    private static async Task<int> CountListAsync(CarteroAppFactory app, CommandCounter counter, int expected)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        UserDirectory? list = null;
        var commands = await counter.Measure(async () => list = await administration.ListAsync(Ct));
        Assert.Equal(expected, list!.Users.Count);
        // The roles are still each person's own.
        Assert.All(list.Users, u => Assert.Equal(u.Email.StartsWith("vendedor", StringComparison.Ordinal) ? [CarteroRoles.Vendedor] : [CarteroRoles.Optometrista, CarteroRoles.Soporte], u.Roles));
        return commands;
    }

    private static async Task AddPeopleAsync(CarteroAppFactory app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
        var start = users.Users.Count();
        for (var i = start; i < start + count; i++)
        {
            var email = i % 2 == 0 ? $"vendedor{i:00}@optica.ec" : $"persona{i:00}@optica.ec";
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, FullName = $"Persona {i}", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, i % 2 == 0 ? [CarteroRoles.Vendedor] : [CarteroRoles.Soporte, CarteroRoles.Optometrista])).Succeeded);
        }
    }
}

using System.Globalization;

namespace Commerce.Customers.Tools;

/// <summary>
/// Realistic-looking customers for load tests and benchmarks: common first and last names, a
/// company for about a third, unique emails, creation dates spread over ten years, and a chosen
/// fraction registered. Seeded, so the same run makes the same data.
/// </summary>
public sealed class CustomerGenerator(int seed = 20261130)
{
    private static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy",
        "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret", "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily",
        "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah",
        "Timothy", "Stephanie", "Ronald", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan", "Dorothy",
        "Jacob", "Amy", "Gary", "Kathleen", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Emma", "Stephen", "Brenda",
        "Larry", "Pamela", "Justin", "Nicole", "Scott", "Anna", "Brandon", "Samantha", "Benjamin", "Katherine", "Samuel", "Christine",
        "Zoé", "Léa", "Jürgen", "Søren", "Ana", "José", "Chloé", "François", "Małgorzata", "Ángel", "Björn", "Noémie",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
        "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
        "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey",
        "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
        "Müller", "Schmidt", "Dubois", "Lefèvre", "Kowalski", "Nowak", "Rossi", "Bianchi", "Andersson", "Nielsen", "O'Brien", "McClane",
    ];

    private static readonly string[] CompanyWords =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay",
        "Northwind", "Contoso", "Fabrikam", "Adventure", "Blue Yonder", "Litware", "Proseware", "Tailspin", "Wingtip", "Alpine", "Coho", "Fourth Coffee",
    ];

    private static readonly string[] CompanySuffixes = ["Inc.", "Ltd", "GmbH", "LLC", "S.A.", "& Sons", "Group", "Trading"];
    private static readonly string[] Domains = ["example.com", "example.org", "example.net", "mail.example", "shop.example"];

    /// <summary>Customers numbered from <paramref name="firstNumber"/>, so repeated runs never repeat an email.</summary>
    public IEnumerable<GeneratedCustomer> Generate(long firstNumber, int count, double registeredFraction, DateTime now)
    {
        var random = new Random(seed ^ (int)firstNumber);
        var span = TimeSpan.FromDays(3650).Ticks;
        for (var i = 0; i < count; i++)
        {
            var number = firstNumber + i;
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = random.Next(3) == 0
                ? $"{CompanyWords[random.Next(CompanyWords.Length)]} {CompanySuffixes[random.Next(CompanySuffixes.Length)]}"
                : null;
            var email = string.Create(CultureInfo.InvariantCulture, $"{Ascii(first)}.{Ascii(last)}.{number}@{Domains[random.Next(Domains.Length)]}");
            var phone = random.Next(2) == 0 ? string.Create(CultureInfo.InvariantCulture, $"+1 555 {random.Next(1000, 9999)} {random.Next(100, 999)}") : null;
            var created = now.AddTicks(-(long)(random.NextDouble() * span));
            var userId = random.NextDouble() < registeredFraction ? Guid.NewGuid().ToString() : null;
            yield return new GeneratedCustomer(company, first, last, email, phone, created, userId);
        }
    }

    // Email local parts stay ASCII: "Zoé Müller" becomes zoe.muller.
    private static string Ascii(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        var letters = decomposed.Where(char.IsAsciiLetter).ToArray();
        return new string(letters).ToLowerInvariant() switch
        {
            "" => "customer",
            var ascii => ascii,
        };
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Grading;

/// <summary>One piece of a test cell as the grader runs it: setup code, or one check.</summary>
/// <param name="Source">The C# text, with every use of the checking API fully qualified.</param>
/// <param name="IsCheck">True for a check: a top-level statement that calls <c>Check.…</c>.</param>
public sealed record TestPiece(string Source, bool IsCheck);

/// <summary>
/// Splits a key's test cell into the pieces the grader runs one cell each: runs of setup statements, and each
/// top-level statement that calls the checking API (one check). A check passes when its piece runs without error,
/// so a test cell with n checks gives partial credit in steps of 1/n. A cell with no check is one piece, counted as
/// one check. Every <c>Check.X</c>, <c>Checks.Check.X</c> and <c>Course.Checks.Check.X</c> becomes
/// <c>global::Course.Checks.Check.X</c>, so that a student's own class named Check (or Course) cannot stand in for it.
/// </summary>
public static class CheckSplitter
{
    /// <summary>The checking API, written so that nothing a notebook declares can shadow it.</summary>
    public const string QualifiedCheck = "global::Course.Checks.Check";

    static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);
    static readonly HashSet<string> CheckNames = ["Check", "Checks.Check", "Course.Checks.Check", QualifiedCheck];

    /// <summary>The pieces of a test cell, in order; joined they are the cell (with the API qualified).</summary>
    public static IReadOnlyList<TestPiece> Split(string source)
    {
        var root = Qualify(source);
        var text = root.ToFullString();
        var members = root.Members;
        if (members.Count == 0 || !members.Any(IsCheck))
            return [new TestPiece(text, IsCheck: true)];

        var pieces = new List<TestPiece>();
        int start = 0;          // where the current setup run begins in text
        for (int i = 0; i < members.Count; i++)
        {
            if (!IsCheck(members[i])) continue;
            var check = members[i];
            // Directives before the first member stay with the setup (a directive must open its cell).
            int checkStart = i == 0 ? LeadingDirectivesEnd(check) : check.FullSpan.Start;
            if (checkStart > start && text[start..checkStart].Trim().Length > 0)
                pieces.Add(new TestPiece(text[start..checkStart], IsCheck: false));
            pieces.Add(new TestPiece(text[checkStart..check.FullSpan.End], IsCheck: true));
            start = check.FullSpan.End;
        }
        // What follows the last check is setup if it holds statements; comments alone stay with the check.
        if (members[^1].FullSpan.End > start)
            pieces.Add(new TestPiece(text[start..], IsCheck: false));
        else
            pieces[^1] = pieces[^1] with { Source = pieces[^1].Source + text[start..] };
        return pieces;
    }

    /// <summary>The cell with the checking API fully qualified everywhere (also inside helper methods).</summary>
    public static string QualifyChecks(string source) => Qualify(source).ToFullString();

    /// <summary>The names a test cell declares at its top level (helper methods, local functions, types): a student
    /// cell placed after it could declare the same names, so the grader declares them again before a later test uses them.</summary>
    public static IReadOnlyList<(string Name, string Source)> Helpers(string source)
    {
        var root = Qualify(source);
        var helpers = new List<(string, string)>();
        foreach (var member in root.Members)
        {
            string? name = member switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f } => f.Identifier.Text,
                BaseTypeDeclarationSyntax t => t.Identifier.Text,
                _ => null,
            };
            if (name is not null) helpers.Add((name, member.WithoutLeadingTrivia().ToFullString()));
        }
        return helpers;
    }

    /// <summary>The names a cell declares at its top level, where later cells see them: types, methods, local
    /// functions, variables, and using aliases.</summary>
    public static ISet<string> Declarations(string source)
    {
        var root = Parse(source);
        var names = root.Usings.Where(u => u.Alias is not null).Select(u => u.Alias!.Name.Identifier.Text).ToHashSet();
        foreach (var member in root.Members)
            switch (member)
            {
                case BaseTypeDeclarationSyntax t: names.Add(t.Identifier.Text); break;
                case DelegateDeclarationSyntax d: names.Add(d.Identifier.Text); break;
                case MethodDeclarationSyntax m: names.Add(m.Identifier.Text); break;
                case PropertyDeclarationSyntax p: names.Add(p.Identifier.Text); break;
                case BaseFieldDeclarationSyntax f: names.UnionWith(f.Declaration.Variables.Select(v => v.Identifier.Text)); break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f }: names.Add(f.Identifier.Text); break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l }:
                    names.UnionWith(l.Declaration.Variables.Select(v => v.Identifier.Text));
                    break;
            }
        return names;
    }

    /// <summary>The names a piece of code looks up in its surroundings: identifiers that are not a member name after
    /// a dot, an argument label, or declared within the piece itself (locals, parameters, lambda parameters).</summary>
    public static ISet<string> FreeNames(string source)
    {
        var root = Parse(source);
        var declaredHere = root.DescendantNodes().SelectMany(DeclaredBy).ToHashSet();
        return root.DescendantNodes().OfType<SimpleNameSyntax>()
            .Where(n => n is not IdentifierNameSyntax { IsVar: true })
            .Where(n => n.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Name != n,
                QualifiedNameSyntax qualified => qualified.Right != n,
                MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
                AliasQualifiedNameSyntax => false,
                _ => true,
            })
            .Select(n => n.Identifier.Text)
            .Where(name => !declaredHere.Contains(name))
            .ToHashSet();
    }

    static IEnumerable<string> DeclaredBy(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => [v.Identifier.Text],
        ParameterSyntax p => [p.Identifier.Text],
        SingleVariableDesignationSyntax d => [d.Identifier.Text],
        ForEachStatementSyntax f => [f.Identifier.Text],
        CatchDeclarationSyntax c => [c.Identifier.Text],
        LocalFunctionStatementSyntax f => [f.Identifier.Text],
        MethodDeclarationSyntax m => [m.Identifier.Text],
        BaseTypeDeclarationSyntax t => [t.Identifier.Text],
        TypeParameterSyntax t => [t.Identifier.Text],
        FromClauseSyntax q => [q.Identifier.Text],
        LetClauseSyntax q => [q.Identifier.Text],
        JoinClauseSyntax q => [q.Identifier.Text],
        QueryContinuationSyntax q => [q.Identifier.Text],
        _ => [],
    };

    /// <summary>The identifiers a cell uses, for deciding which earlier helpers it needs.</summary>
    public static ISet<string> IdentifiersUsed(string source) =>
        Parse(source).DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.Text).ToHashSet();

    static bool IsCheck(MemberDeclarationSyntax member) =>
        member is GlobalStatementSyntax statement
        && statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call =>
            call.Expression is MemberAccessExpressionSyntax access && access.Expression.ToString() == QualifiedCheck);

    // A #r or #load line on the first statement is trivia of its first token: it stays in the setup before it.
    static int LeadingDirectivesEnd(SyntaxNode first)
    {
        var directives = first.GetLeadingTrivia().Where(t => t.IsDirective).ToList();
        return directives.Count == 0 ? first.FullSpan.Start : directives[^1].FullSpan.End;
    }

    static CompilationUnitSyntax Parse(string source) => SyntaxFactory.ParseCompilationUnit(source, options: ScriptOptions);

    static CompilationUnitSyntax Qualify(string source) => (CompilationUnitSyntax)new Qualifier().Visit(Parse(source));

    sealed class Qualifier : CSharpSyntaxRewriter
    {
        static readonly ExpressionSyntax Qualified = SyntaxFactory.ParseExpression(QualifiedCheck);

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            if (CheckNames.Contains(node.Expression.WithoutTrivia().ToString()))
                return node.WithExpression(Qualified.WithTriviaFrom(node.Expression));
            return base.VisitMemberAccessExpression(node);
        }
    }
}

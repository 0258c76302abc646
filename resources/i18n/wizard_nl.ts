<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AnswerColumn</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="51"/>
        <source>Not rated</source>
        <translation>Niet beoordeeld</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="53"/>
        <source>1 – poor</source>
        <translation>1 – slecht</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="54"/>
        <source>2 – weak</source>
        <translation>2 – zwak</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="55"/>
        <source>3 – fair</source>
        <translation>3 – redelijk</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="56"/>
        <source>4 – good</source>
        <translation>4 – goed</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="57"/>
        <source>5 – excellent</source>
        <translation>5 – uitstekend</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="61"/>
        <source>A note on this answer (optional)</source>
        <translation>Een notitie bij dit antwoord (optioneel)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="62"/>
        <source>&amp;Rating:</source>
        <translation>Beoo&amp;rdeling:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="80"/>
        <source>Answer of %1</source>
        <translation>Antwoord van %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="81"/>
        <source>Rating of the answer of %1</source>
        <translation>Beoordeling van het antwoord van %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="82"/>
        <source>Note on the answer of %1</source>
        <translation>Notitie bij het antwoord van %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="83"/>
        <source>Figures of %1</source>
        <translation>Cijfers van %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="94"/>
        <source>Answering…</source>
        <translation>Bezig met antwoorden…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="94"/>
        <source>To do</source>
        <translation>Nog te doen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="102"/>
        <source>Failed: %1</source>
        <translation>Mislukt: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="115"/>
        <source>First token %1 · %2 (predicted %3)</source>
        <translation>Eerste token %1 · %2 (voorspeld %3)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="119"/>
        <source>Prompt %1 · peak memory %2 (predicted %3)</source>
        <translation>Prompt %1 · piekgeheugen %2 (voorspeld %3)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="123"/>
        <source>Stopped because: %1</source>
        <translation>Gestopt omdat: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="137"/>
        <source>the model finished</source>
        <translation>het model klaar was</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="138"/>
        <source>the longest answer was reached</source>
        <translation>het langste antwoord bereikt was</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="139"/>
        <source>a stop word</source>
        <translation>er een stopwoord kwam</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="140"/>
        <source>the context was full</source>
        <translation>de context vol was</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="141"/>
        <source>stopped</source>
        <translation>het gestopt werd</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="150"/>
        <source>the model file is gone; download or import it again.</source>
        <translation>het modelbestand is weg; download of importeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="152"/>
        <source>the model did not load: %1</source>
        <translation>het model laadde niet: %1</translation>
    </message>
</context>
<context>
    <name>BudgetPage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="31"/>
        <source>Budget and preferences</source>
        <translation>Budget en voorkeuren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="32"/>
        <source>What you can spend, and what matters more to you.</source>
        <translation>Wat u kunt uitgeven, en wat u belangrijker vindt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="49"/>
        <source> USD</source>
        <translation> USD</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="51"/>
        <source>Nothing: this machine as it is</source>
        <translation>Niets: deze computer zoals hij is</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="52"/>
        <source>Money for hardware upgrades in US dollars</source>
        <translation>Geld voor hardware-uitbreidingen in Amerikaanse dollars</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="57"/>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="58"/>
        <source>No limit (free space)</source>
        <translation>Geen grens (vrije ruimte)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="59"/>
        <source>Disk space for models in GB</source>
        <translation>Schijfruimte voor modellen in GB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="65"/>
        <source>Speed against quality</source>
        <translation>Snelheid tegenover kwaliteit</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="68"/>
        <source>Context length</source>
        <translation>Contextlengte</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="69"/>
        <source>Automatic (what the use case needs)</source>
        <translation>Automatisch (wat de toepassing nodig heeft)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="82"/>
        <source>&amp;Money for hardware:</source>
        <translation>&amp;Geld voor hardware:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="83"/>
        <source>&amp;Disk space for models:</source>
        <translation>&amp;Schijfruimte voor modellen:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="84"/>
        <source>&amp;Speed or quality:</source>
        <translation>S&amp;nelheid of kwaliteit:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="86"/>
        <source>&amp;Context length:</source>
        <translation>&amp;Contextlengte:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="93"/>
        <source>The context is how much text the model keeps in view: a long document or conversation needs more, and more memory.</source>
        <translation>De context is hoeveel tekst het model tegelijk overziet: een lang document of gesprek heeft er meer van nodig, en dus meer geheugen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="108"/>
        <source>Faster answers: smaller models or stronger compression.</source>
        <translation>Snellere antwoorden: kleinere modellen of sterkere compressie.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="109"/>
        <source>A balance of answer quality and speed.</source>
        <translation>Een evenwicht tussen kwaliteit en snelheid van de antwoorden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/budget.py" line="110"/>
        <source>The best answers that fit, even if they come slowly.</source>
        <translation>De beste antwoorden die passen, ook als ze traag komen.</translation>
    </message>
</context>
<context>
    <name>CatalogUpdateBox</name>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="35"/>
        <source>Model catalog</source>
        <translation>Modelcatalogus</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="40"/>
        <source>&amp;Update catalog</source>
        <translation>Catalogus bij&amp;werken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="41"/>
        <source>&amp;Roll back</source>
        <translation>Terug&amp;zetten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="44"/>
        <source>Address of a signed catalog update</source>
        <translation>Adres van een ondertekende catalogusupdate</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="45"/>
        <source>Update the model catalog</source>
        <translation>De modelcatalogus bijwerken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="46"/>
        <source>Go back to the previous catalog</source>
        <translation>Terug naar de vorige catalogus</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="47"/>
        <source>Catalog status</source>
        <translation>Status van de catalogus</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="48"/>
        <source>Update &amp;address:</source>
        <translation>Adres voor &amp;updates:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="76"/>
        <source>In use: the catalog that came with the app ({n} models).</source>
        <translation>In gebruik: de catalogus die bij de app hoort ({n} modellen).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="82"/>
        <source>In use: the catalog update of {date} ({n} models).</source>
        <translation>In gebruik: de catalogusupdate van {date} ({n} modellen).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="90"/>
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="99"/>
        <source>Give the address of a catalog update first.</source>
        <translation>Geef eerst het adres van een catalogusupdate.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="114"/>
        <source>Now in use from the next start: the catalog that came with the app ({n} models).</source>
        <translation>Vanaf de volgende start in gebruik: de catalogus die bij de app hoort ({n} modellen).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="118"/>
        <source>Now in use from the next start: the catalog of {date} ({n} models).</source>
        <translation>Vanaf de volgende start in gebruik: de catalogus van {date} ({n} modellen).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/catalog_update.py" line="124"/>
        <source>The catalog was not changed: {message}</source>
        <translation>De catalogus is niet gewijzigd: {message}</translation>
    </message>
</context>
<context>
    <name>CompareGrid</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="168"/>
        <source>Prompt to show</source>
        <translation>Te tonen prompt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="171"/>
        <source>The prompt</source>
        <translation>De prompt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_grid.py" line="172"/>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
</context>
<context>
    <name>CompareHistory</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="39"/>
        <source>Earlier comparisons</source>
        <translation>Eerdere vergelijkingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="42"/>
        <source>Filter by model</source>
        <translation>Filteren op model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="43"/>
        <source>Model name</source>
        <translation>Modelnaam</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="45"/>
        <source>Filter by use case</source>
        <translation>Filteren op toepassing</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="46"/>
        <source>Any use case</source>
        <translation>Elke toepassing</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="50"/>
        <source>Filter by date</source>
        <translation>Filteren op datum</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="54"/>
        <source>Any time</source>
        <translation>Altijd</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="55"/>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="56"/>
        <source>The last 7 days</source>
        <translation>De laatste 7 dagen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="57"/>
        <source>The last 30 days</source>
        <translation>De laatste 30 dagen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="58"/>
        <source>The last year</source>
        <translation>Het laatste jaar</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="63"/>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="64"/>
        <source>Open the selected comparison</source>
        <translation>De gekozen vergelijking openen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="65"/>
        <source>&amp;Re-run…</source>
        <translation>Opnieu&amp;w uitvoeren…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="66"/>
        <source>Run the selected comparison&apos;s prompts again</source>
        <translation>De prompts van de gekozen vergelijking opnieuw uitvoeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="67"/>
        <source>Dele&amp;te</source>
        <translation>Verwijde&amp;ren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="68"/>
        <source>Delete the selected comparison</source>
        <translation>De gekozen vergelijking verwijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="72"/>
        <source>Mo&amp;del:</source>
        <translation>Mo&amp;del:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="73"/>
        <source>Use cas&amp;e:</source>
        <translation>&amp;Toepassing:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="74"/>
        <source>D&amp;ate:</source>
        <translation>Dat&amp;um:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_history.py" line="107"/>
        <source>Comparisons: %1</source>
        <translation>Vergelijkingen: %1</translation>
    </message>
</context>
<context>
    <name>CompareSetup</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="52"/>
        <source>Models to compare</source>
        <translation>Te vergelijken modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="54"/>
        <source>Prompt set</source>
        <translation>Promptset</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="56"/>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="114"/>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="58"/>
        <source>Prompt text</source>
        <translation>Tekst van de prompt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="59"/>
        <source>Type a prompt, then Add or Update.</source>
        <translation>Typ een prompt en kies dan Toevoegen of Bijwerken.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="62"/>
        <source>&amp;Add</source>
        <translation>T&amp;oevoegen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="63"/>
        <source>Add the prompt</source>
        <translation>De prompt toevoegen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="64"/>
        <source>Up&amp;date</source>
        <translation>Bij&amp;werken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="65"/>
        <source>Update the selected prompt</source>
        <translation>De gekozen prompt bijwerken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="66"/>
        <source>&amp;Remove</source>
        <translation>Verwij&amp;deren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="67"/>
        <source>Remove the selected prompt</source>
        <translation>De gekozen prompt verwijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="68"/>
        <source>Move &amp;earlier</source>
        <translation>Eerde&amp;r</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="69"/>
        <source>Move the selected prompt up</source>
        <translation>De gekozen prompt naar boven verplaatsen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="70"/>
        <source>Move la&amp;ter</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="71"/>
        <source>Move the selected prompt down</source>
        <translation>De gekozen prompt naar beneden verplaatsen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="73"/>
        <source>Name of the prompt set</source>
        <translation>Naam van de promptset</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="74"/>
        <source>Name for this set</source>
        <translation>Naam voor deze set</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="75"/>
        <source>Sa&amp;ve as set</source>
        <translation>Als set op&amp;slaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="76"/>
        <source>Save the prompts as a set</source>
        <translation>De prompts als set opslaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="81"/>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="82"/>
        <source>Longest answer in tokens</source>
        <translation>Langste antwoord in tokens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="86"/>
        <source>Seed for sampling</source>
        <translation>Seed voor de steekproeven</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="87"/>
        <source>&amp;Blind: hide the model names until I have rated</source>
        <translation>Bli&amp;nd: verberg de modelnamen tot ik heb beoordeeld</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="88"/>
        <source>Blind mode</source>
        <translation>Blinde modus</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="89"/>
        <source>Start the compar&amp;ison</source>
        <translation>Vergelijking star&amp;ten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="90"/>
        <source>Start the comparison</source>
        <translation>De vergelijking starten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="111"/>
        <source>Models (two to four)</source>
        <translation>Modellen (twee tot vier)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="116"/>
        <source>&amp;Prompt set:</source>
        <translation>&amp;Promptset:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="133"/>
        <source>Longest ans&amp;wer:</source>
        <translation>Ma&amp;ximale antwoordlengte:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="134"/>
        <source>Samplin&amp;g seed:</source>
        <translation>Seed voor ste&amp;kproeven:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="153"/>
        <source>Add the server&apos;s &amp;model</source>
        <translation>Het &amp;model van de server toevoegen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="154"/>
        <source>Add the chosen model on the server</source>
        <translation>Het gekozen model op de server toevoegen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="176"/>
        <source>%1 (on a server)</source>
        <translation>%1 (op een server)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="193"/>
        <source>%1 (file missing)</source>
        <translation>%1 (bestand ontbreekt)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="208"/>
        <source>No models yet: download one in the wizard or import one in My models.</source>
        <translation>Nog geen modellen: download er een in de wizard of importeer er een in Mijn modellen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="233"/>
        <source>At most four models can be compared at once.</source>
        <translation>Er kunnen hoogstens vier modellen tegelijk vergeleken worden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="242"/>
        <source>Your own prompts</source>
        <translation>Uw eigen prompts</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="245"/>
        <source>Presets: %1</source>
        <translation>Voorbeelden: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="247"/>
        <source>Saved: %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_setup.py" line="301"/>
        <source>Type the prompt first.</source>
        <translation>Typ eerst de prompt.</translation>
    </message>
</context>
<context>
    <name>CompareSummary</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="28"/>
        <source>Summary per model</source>
        <translation>Overzicht per model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="30"/>
        <source>Speed and memory per model</source>
        <translation>Snelheid en geheugen per model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="31"/>
        <source>Ratings per model</source>
        <translation>Beoordelingen per model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="34"/>
        <source>Re&amp;veal the names</source>
        <translation>Namen &amp;tonen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="35"/>
        <source>Reveal the model names</source>
        <translation>De modelnamen tonen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="36"/>
        <source>Export Mar&amp;kdown…</source>
        <translation>Exporteren als Mar&amp;kdown…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="37"/>
        <source>Export as Markdown</source>
        <translation>Exporteren als Markdown</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="38"/>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporteren als CSV…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="39"/>
        <source>Export as CSV</source>
        <translation>Exporteren als CSV</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="40"/>
        <source>Export &amp;JSON…</source>
        <translation>Exporteren als &amp;JSON…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="41"/>
        <source>Export as JSON</source>
        <translation>Exporteren als JSON</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="48"/>
        <source>&lt;b&gt;Speed and memory&lt;/b&gt;</source>
        <translation>&lt;b&gt;Snelheid en geheugen&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="49"/>
        <source>&lt;b&gt;Ratings&lt;/b&gt;</source>
        <translation>&lt;b&gt;Beoordelingen&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="85"/>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="90"/>
        <source>Peak memory</source>
        <translation>Piekgeheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="95"/>
        <source>Predicted memory</source>
        <translation>Voorspeld geheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="105"/>
        <source>Mean rating</source>
        <translation>Gemiddelde beoordeling</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="111"/>
        <source>Wins</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/compare_summary.py" line="121"/>
        <source>Blind mode: the names show once every answer is rated.</source>
        <translation>Blinde modus: de namen verschijnen zodra elk antwoord beoordeeld is.</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="53"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="54"/>
        <source>Stop the comparison</source>
        <translation>De vergelijking stoppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="55"/>
        <source>Resum&amp;e</source>
        <translation>Hervatte&amp;n</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="56"/>
        <source>Resume the comparison</source>
        <translation>De vergelijking hervatten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="67"/>
        <source>Comparison</source>
        <translation>Vergelijking</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="68"/>
        <source>Set &amp;up</source>
        <translation>&amp;Instellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="69"/>
        <source>A&amp;nswers</source>
        <translation>&amp;Antwoorden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="70"/>
        <source>Summar&amp;y</source>
        <translation>Overzi&amp;cht</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="71"/>
        <source>Ear&amp;lier comparisons</source>
        <translation>&amp;Eerdere vergelijkingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="132"/>
        <source>Type a name for the set first.</source>
        <translation>Typ eerst een naam voor de set.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="136"/>
        <source>Add a prompt first.</source>
        <translation>Voeg eerst een prompt toe.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="140"/>
        <source>Saved the set “%1”.</source>
        <translation>De set “%1” is opgeslagen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="152"/>
        <source>Choose two to four models.</source>
        <translation>Kies twee tot vier modellen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="155"/>
        <source>Add at least one prompt.</source>
        <translation>Voeg minstens één prompt toe.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="131"/>
        <source>Starting…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="88"/>
        <source>Stopping…</source>
        <translation>Stoppen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="159"/>
        <source>%1 is answering prompt %2…</source>
        <translation>%1 beantwoordt prompt %2…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="166"/>
        <source>Loading %1… %2%</source>
        <translation>%1 laden… %2%</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="213"/>
        <source>%1 of %2 answers</source>
        <translation>%1 van %2 antwoorden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="218"/>
        <source>, %1 failed</source>
        <translation>, %1 mislukt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="227"/>
        <source>The comparison stopped: %1</source>
        <translation>De vergelijking is gestopt: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="232"/>
        <source>Done. Rate the answers, then see the summary.</source>
        <translation>Klaar. Beoordeel de antwoorden en bekijk dan het overzicht.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_runner.py" line="238"/>
        <source>Stopped. Resume runs only the answers still to do.</source>
        <translation>Gestopt. Hervatten voert alleen de antwoorden uit die nog te doen zijn.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="246"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="247"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="248"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="250"/>
        <source>Export the comparison</source>
        <translation>De vergelijking exporteren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="268"/>
        <source>Cannot write %1: %2</source>
        <translation>Kan %1 niet schrijven: %2</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="271"/>
        <source>Exported to %1.</source>
        <translation>Geëxporteerd naar %1.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="300"/>
        <source>The prompts and settings of comparison %1: choose the models, then start.</source>
        <translation>De prompts en instellingen van vergelijking %1: kies de modellen en start dan.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="308"/>
        <source>Delete the comparison</source>
        <translation>De vergelijking verwijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/compare_view.py" line="309"/>
        <source>Delete comparison %1 with its answers and ratings?</source>
        <translation>Vergelijking %1 met haar antwoorden en beoordelingen verwijderen?</translation>
    </message>
</context>
<context>
    <name>ComparisonsModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="20"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="20"/>
        <source>Models</source>
        <translation>Modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="20"/>
        <source>Use case</source>
        <translation>Toepassing</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="20"/>
        <source>Answers</source>
        <translation>Antwoorden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="30"/>
        <source> vs </source>
        <translation> tegen </translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="34"/>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="36"/>
        <source>, %1 failed</source>
        <translation>, %1 mislukt</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="62"/>
        <source>Model details</source>
        <translation>Details van het model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="75"/>
        <source>Quantisation</source>
        <translation>Kwantisatie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="77"/>
        <source>Smaller quants need less memory and run faster, at some cost in quality.</source>
        <translation>Kleinere kwantisaties hebben minder geheugen nodig en zijn sneller, met wat verlies aan kwaliteit.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="79"/>
        <source>&amp;Quant:</source>
        <translation>&amp;Kwantisatie:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="86"/>
        <source>Fit on this machine</source>
        <translation>Past het op deze computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="99"/>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="100"/>
        <source>Model card</source>
        <translation>Modelkaart</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="101"/>
        <source>Openness</source>
        <translation>Openheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="102"/>
        <source>Caveats</source>
        <translation>Kanttekeningen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="103"/>
        <source>Sources</source>
        <translation>Bronnen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="137"/>
        <source>Fully open</source>
        <translation>Volledig open</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="137"/>
        <source>All five openness criteria are public.</source>
        <translation>Alle vijf openheidscriteria zijn openbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="141"/>
        <source>Open weights</source>
        <translation>Open gewichten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="143"/>
        <source>Not every openness criterion is public.</source>
        <translation>Niet elk openheidscriterium is openbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="155"/>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="237"/>
        <source>None recorded.</source>
        <translation>Niets vastgelegd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="166"/>
        <source>Needs about %1 at %2.</source>
        <translation>Heeft ongeveer %1 nodig bij %2.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="172"/>
        <source>%1 of %2 layers on the GPU.</source>
        <translation>%1 van de %2 lagen op de GPU.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="178"/>
        <source>Expected speed: %1.</source>
        <translation>Verwachte snelheid: %1.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="189"/>
        <source> (%1 B active)</source>
        <translation> (%1 B actief)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="190"/>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="192"/>
        <source>Architecture</source>
        <translation>Architectuur</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="193"/>
        <source>Trained context</source>
        <translation>Getrainde context</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="195"/>
        <source>Released</source>
        <translation>Uitgebracht</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="197"/>
        <source>Languages</source>
        <translation>Talen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="198"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="198"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="199"/>
        <source>Instruction-tuned</source>
        <translation>Getraind op instructies</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="202"/>
        <source>gated: accept the licence on Hugging Face first</source>
        <translation>afgeschermd: accepteer eerst de licentie op Hugging Face</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="203"/>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="206"/>
        <source>Original</source>
        <translation>Origineel</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="215"/>
        <source>public</source>
        <translation>openbaar</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="216"/>
        <source>not public</source>
        <translation>niet openbaar</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="217"/>
        <source>not established</source>
        <translation>niet vastgesteld</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/details_pane.py" line="229"/>
        <source>source</source>
        <translation>bron</translation>
    </message>
</context>
<context>
    <name>DownloadPage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="35"/>
        <source>Download</source>
        <translation>Downloaden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="57"/>
        <source>Download progress</source>
        <translation>Voortgang van de download</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="60"/>
        <source>Downloaded, speed and time left</source>
        <translation>Gedownload, snelheid en resterende tijd</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="64"/>
        <source>Open &amp;Settings…</source>
        <translation>Instellingen &amp;openen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="65"/>
        <source>Open the settings to enter a token or mirror</source>
        <translation>Open de instellingen om een token of mirror in te voeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="70"/>
        <source>You can go Back and choose another model, or go Next to finish without the download: it stays in My models, where Resume continues it.</source>
        <translation>U kunt Terug gaan en een ander model kiezen, of Volgende kiezen om zonder de download af te ronden: die blijft in Mijn modellen staan, waar Hervatten hem voortzet.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="76"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pauzeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="77"/>
        <source>&amp;Resume</source>
        <translation>&amp;Hervatten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="78"/>
        <source>&amp;Cancel download</source>
        <translation>Download &amp;annuleren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="90"/>
        <source>The file is checked against its published checksum before it is used. A paused or interrupted download continues where it stopped.</source>
        <translation>Het bestand wordt vóór gebruik gecontroleerd tegen de gepubliceerde controlesom. Een gepauzeerde of onderbroken download gaat verder waar hij stopte.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="111"/>
        <source>%1, %2 (%3) from %4</source>
        <translation>%1, %2 (%3) van %4</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="157"/>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="161"/>
        <source>%1 left</source>
        <translation>nog %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="164"/>
        <source>checking the file</source>
        <translation>bestand controleren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="166"/>
        <source>verifying the checksum</source>
        <translation>controlesom nagaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="173"/>
        <source>Connection trouble, trying again: %1</source>
        <translation>Verbindingsprobleem, opnieuw proberen: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="197"/>
        <source>Cancelled; the partial file was deleted.</source>
        <translation>Geannuleerd; het gedeeltelijke bestand is verwijderd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="203"/>
        <source>The download stopped: %1</source>
        <translation>De download is gestopt: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="224"/>
        <source>Downloaded and verified.</source>
        <translation>Gedownload en gecontroleerd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/download.py" line="226"/>
        <source>Paused.</source>
        <translation>Gepauzeerd.</translation>
    </message>
</context>
<context>
    <name>DownloadState</name>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="13"/>
        <source>waiting</source>
        <translation>wachtend</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="14"/>
        <source>downloading</source>
        <translation>bezig</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="15"/>
        <source>paused</source>
        <translation>gepauzeerd</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="16"/>
        <source>failed</source>
        <translation>mislukt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="17"/>
        <source>done</source>
        <translation>klaar</translation>
    </message>
</context>
<context>
    <name>DownloadsModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="29"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="29"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/downloads.py" line="29"/>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
</context>
<context>
    <name>EndpointsEditor</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="34"/>
        <source>Servers (OpenAI-compatible endpoints)</source>
        <translation>Servers (OpenAI-compatibele endpoints)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="36"/>
        <source>Saved servers</source>
        <translation>Opgeslagen servers</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="44"/>
        <source>empty: the server needs no key</source>
        <translation>leeg: de server heeft geen sleutel nodig</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="45"/>
        <source>Verify the TLS certi&amp;ficate</source>
        <translation>Het TLS-certi&amp;ficaat controleren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="47"/>
        <source>Sa&amp;ve server</source>
        <translation>Server op&amp;slaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="48"/>
        <source>Rem&amp;ove</source>
        <translation>Verwij&amp;deren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="49"/>
        <source>Chec&amp;k</source>
        <translation>Contro&amp;leren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="53"/>
        <source>Server name</source>
        <translation>Naam van de server</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="54"/>
        <source>Server address</source>
        <translation>Adres van de server</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="55"/>
        <source>Server API key</source>
        <translation>API-sleutel van de server</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="56"/>
        <source>Save the server</source>
        <translation>De server opslaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="57"/>
        <source>Remove the chosen server</source>
        <translation>De gekozen server verwijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="58"/>
        <source>Check the chosen server</source>
        <translation>De gekozen server controleren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="63"/>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="64"/>
        <source>Addre&amp;ss:</source>
        <translation>Adre&amp;s:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="65"/>
        <source>API ke&amp;y:</source>
        <translation>API-sle&amp;utel:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="138"/>
        <source>Saved %1.</source>
        <translation>%1 opgeslagen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="146"/>
        <source>Removed %1.</source>
        <translation>%1 verwijderd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="158"/>
        <source>Asking %1…</source>
        <translation>%1 wordt gevraagd…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/endpoints_editor.py" line="169"/>
        <source>%1 answered in %2 ms. Models: %3</source>
        <translation>%1 antwoordde in %2 ms. Modellen: %3</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="9"/>
        <source>{repo} is a gated model: it needs a Hugging Face account that accepted its licence ({status}).</source>
        <translation>{repo} is een afgeschermd model: het vraagt een Hugging Face-account dat de licentie heeft geaccepteerd ({status}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="14"/>
        <source>Open {page}, accept the licence while logged in, then put a Hugging Face access token (https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable or run `huggingface-cli login` (`hf auth login`).</source>
        <translation>Open {page}, accepteer de licentie terwijl u bent ingelogd, en zet daarna een Hugging Face-toegangstoken (https://huggingface.co/settings/tokens) in de instellingen of in de omgevingsvariabele HF_TOKEN, of voer `huggingface-cli login` (`hf auth login`) uit.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="22"/>
        <source>{repo} is a gated model: the token in use has no access to it ({status}).</source>
        <translation>{repo} is een afgeschermd model: het gebruikte token heeft er geen toegang toe ({status}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="25"/>
        <source>Open {page} while logged in, accept the licence, and make sure the token in use (HF_TOKEN, or the one saved by `huggingface-cli login`) belongs to that account.</source>
        <translation>Open {page} terwijl u bent ingelogd, accepteer de licentie en controleer of het gebruikte token (HF_TOKEN, of het token dat `huggingface-cli login` heeft opgeslagen) bij dat account hoort.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="32"/>
        <location filename="../../wizard_app/core/error_templates/download.py" line="41"/>
        <source>The repository {repo} was not found on {where}.</source>
        <translation>De repository {repo} is niet gevonden op {where}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="33"/>
        <source>Check the name. If the repository is private, put a Hugging Face access token (https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable or run `huggingface-cli login` (`hf auth login`).</source>
        <translation>Controleer de naam. Is de repository privé, zet dan een Hugging Face-toegangstoken (https://huggingface.co/settings/tokens) in de instellingen of in de omgevingsvariabele HF_TOKEN, of voer `huggingface-cli login` (`hf auth login`) uit.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="42"/>
        <source>Check the name. If the repository is private, use a token with access.</source>
        <translation>Controleer de naam. Is de repository privé, gebruik dan een token met toegang.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="47"/>
        <source>The revision {revision} of {repo} was not found on {where}.</source>
        <translation>De revisie {revision} van {repo} is niet gevonden op {where}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="48"/>
        <source>Check the revision, or see the branches and commits at {page}.</source>
        <translation>Controleer de revisie, of bekijk de branches en commits op {page}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="53"/>
        <source>The file {filename} was not found in {repo} at revision {revision} on {where}.</source>
        <translation>Het bestand {filename} is niet gevonden in {repo} bij revisie {revision} op {where}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="57"/>
        <source>Check the file name against the list at {page}/tree/{revision}.</source>
        <translation>Vergelijk de bestandsnaam met de lijst op {page}/tree/{revision}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="62"/>
        <source>Not enough free space in {folder}: {filename} needs {need} (with a {margin} margin) and {free} is free.</source>
        <translation>Niet genoeg vrije ruimte in {folder}: {filename} heeft {need} nodig (met {margin} marge) en er is {free} vrij.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="67"/>
        <source>Free at least {missing} or choose another data folder with --data-dir.</source>
        <translation>Maak minstens {missing} vrij of kies een andere gegevensmap.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="72"/>
        <source>The disk holding {folder} is full: {kept} of {filename} are kept in {part}.</source>
        <translation>De schijf met {folder} is vol: {kept} van {filename} is bewaard in {part}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="75"/>
        <source>Free at least {need} and run the download again; it resumes where it stopped.</source>
        <translation>Maak minstens {need} vrij en start de download opnieuw; hij gaat verder waar hij stopte.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="80"/>
        <source>{filename} is corrupt: its sha256 is {digest}, expected {expected}. The downloaded file was deleted.</source>
        <translation>{filename} is beschadigd: de sha256 is {digest}, verwacht was {expected}. Het gedownloade bestand is verwijderd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="85"/>
        <source>Run the download again; if it happens again, the file on the server or the catalog&apos;s checksum is wrong.</source>
        <translation>Start de download opnieuw; gebeurt het weer, dan klopt het bestand op de server of de controlesom in de catalogus niet.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="92"/>
        <source>The Hub&apos;s {filename} (commit {commit}) has sha256 {hub_sha}, but {expected} was expected: the repository changed since the catalog was written.</source>
        <translation>{filename} op de Hub (commit {commit}) heeft sha256 {hub_sha}, maar {expected} werd verwacht: de repository is gewijzigd sinds de catalogus werd geschreven.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="97"/>
        <source>Download a pinned revision, or update the catalog entry.</source>
        <translation>Download een vastgezette revisie, of werk het item in de catalogus bij.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="100"/>
        <source>Cannot reach {where}: {cause}.</source>
        <translation>Kan {where} niet bereiken: {cause}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="101"/>
        <source>Check the internet connection. If {where} is blocked on this network, set a Hub mirror in Settings (Hub endpoint or mirror) and download again.</source>
        <translation>Controleer de internetverbinding. Als {where} op dit netwerk geblokkeerd is, stel dan een Hub-mirror in bij Instellingen (Hub-adres of mirror) en download opnieuw.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="108"/>
        <source>Gave up on {filename} after {attempts} attempts: {cause} {kept} are kept in {part}.</source>
        <translation>Gestopt met {filename} na {attempts} pogingen: {cause} {kept} is bewaard in {part}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="112"/>
        <location filename="../../wizard_app/core/error_templates/download.py" line="122"/>
        <source>Check the connection and run the download again; it resumes where it stopped.</source>
        <translation>Controleer de verbinding en start de download opnieuw; hij gaat verder waar hij stopte.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/download.py" line="117"/>
        <source>Gave up on {filename} after {attempts} attempts: {cause} {kept} of {total} are kept in {part}.</source>
        <translation>Gestopt met {filename} na {attempts} pogingen: {cause} {kept} van {total} is bewaard in {part}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/gguf.py" line="9"/>
        <source>{name} is not a GGUF file (its first bytes are not &apos;GGUF&apos;).</source>
        <translation>{name} is geen GGUF-bestand (de eerste bytes zijn niet &apos;GGUF&apos;).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/gguf.py" line="13"/>
        <source>{name} ends inside its own header.</source>
        <translation>{name} houdt op midden in zijn eigen header; het bestand is onvolledig.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="9"/>
        <source>{subject} uses the architecture &apos;{arch}&apos;, which the installed llama.cpp (llama-cpp-python) does not support.</source>
        <translation>{subject} gebruikt de architectuur &apos;{arch}&apos;, die de geïnstalleerde llama.cpp (llama-cpp-python) niet ondersteunt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="14"/>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="25"/>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="198"/>
        <source>Choose another model, or a newer version of the app once llama.cpp supports it.</source>
        <translation>Kies een ander model, of een nieuwere versie van de app zodra llama.cpp deze ondersteunt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="20"/>
        <source>{name} uses the architecture &apos;{arch}&apos;, which the installed llama.cpp does not support.</source>
        <translation>{name} gebruikt de architectuur &apos;{arch}&apos;, die de geïnstalleerde llama.cpp niet ondersteunt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="31"/>
        <source>Not enough memory to load {name} with a context of {context:,} tokens.</source>
        <translation>Niet genoeg geheugen om {name} te laden met een context van {context} tokens.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="34"/>
        <source>Choose a smaller context, a smaller quant, or close other programs.</source>
        <translation>Kies een kleinere context of een kleinere kwantisatie, of sluit andere programma&apos;s.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="39"/>
        <source>llama.cpp could not load {name}: {error}</source>
        <translation>llama.cpp kon {name} niet laden: {error}</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="40"/>
        <source>The file may be corrupt or incomplete: download it again.</source>
        <translation>Het bestand is mogelijk beschadigd of onvolledig: download het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="43"/>
        <source>The prompt is {tokens:,} tokens but the context holds {context:,}.</source>
        <translation>De prompt is {tokens} tokens lang, maar de context bevat er {context}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="46"/>
        <source>Shorten the prompt or load the model with a larger context.</source>
        <translation>Maak de prompt korter of laad het model met een grotere context.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="49"/>
        <source>The model process was killed ({signal}); the system may have run out of memory.</source>
        <translation>Het modelproces is afgebroken ({signal}); het systeem had mogelijk te weinig geheugen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="53"/>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="65"/>
        <source>The app is fine and a fresh model process is ready: load the model again, or try a smaller model, quant or context if it happens again.</source>
        <translation>De app werkt nog en een nieuw modelproces staat klaar: laad het model opnieuw, of probeer een kleiner model, een kleinere kwantisatie of context als het weer gebeurt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="60"/>
        <source>The model process was killed ({signal}); the system may have run out of memory. Its last words: {words}</source>
        <translation>Het modelproces is afgebroken ({signal}); het systeem had mogelijk te weinig geheugen. De laatste uitvoer: {words}</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="72"/>
        <source>The model process crashed ({signal}) inside llama.cpp.</source>
        <translation>Het modelproces is vastgelopen ({signal}) in llama.cpp.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="73"/>
        <source>The app is fine and a fresh model process is ready. If it happens again with this file, the file may be damaged: download it again.</source>
        <translation>De app werkt nog en een nieuw modelproces staat klaar. Gebeurt het opnieuw met dit bestand, dan is het bestand misschien beschadigd: download het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="80"/>
        <source>Timing llama.cpp took longer than {seconds} s: the machine is too busy for a fair figure.</source>
        <translation>Het timen van llama.cpp duurde langer dan {seconds} s: de computer is te druk voor een eerlijk cijfer.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="85"/>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="97"/>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="109"/>
        <source>Close other programs, then measure the speed again. Until then the predictions use typical figures.</source>
        <translation>Sluit andere programma&apos;s en meet de snelheid dan opnieuw. Tot dan gebruiken de voorspellingen gangbare cijfers.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="92"/>
        <source>The processor is busy (load {load} on {cores} cores): a timing now would be far too slow.</source>
        <translation>De processor is druk (belasting {load} op {cores} kernen): een meting nu zou veel te traag uitvallen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="104"/>
        <source>llama.cpp read the weights at {gbs} GB/s, slower than any memory it runs on: the machine was busy while it was timed.</source>
        <translation>llama.cpp las de gewichten met {gbs} GB/s, trager dan welk geheugen ook waarop het draait: de computer was druk tijdens het timen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="116"/>
        <source>The model process stopped answering for {seconds} s and was stopped.</source>
        <translation>Het modelproces reageerde {seconds} s niet meer en is gestopt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="119"/>
        <source>The app is fine and a fresh model process is ready: run it again. If it keeps happening, the machine may be swapping: choose a smaller model or context.</source>
        <translation>De app werkt nog en een nieuw modelproces staat klaar: probeer het opnieuw. Blijft het gebeuren, dan wisselt de computer misschien naar schijf: kies een kleiner model of een kleinere context.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="126"/>
        <source>This llama.cpp build cannot offload to a GPU; every layer runs on the CPU.</source>
        <translation>Deze build van llama.cpp kan niets naar een GPU verplaatsen; elke laag draait op de processor.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="132"/>
        <source>GPU layers auto: 0, this llama.cpp build cannot offload to a GPU.</source>
        <translation>GPU-lagen automatisch: 0, deze build van llama.cpp kan niets naar een GPU verplaatsen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="138"/>
        <source>GPU layers auto: 0, llama.cpp found no GPU.</source>
        <translation>GPU-lagen automatisch: 0, llama.cpp heeft geen GPU gevonden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="142"/>
        <source>Context reduced from {old:,} to {new:,} tokens to fit in memory.</source>
        <translation>Context verkleind van {old:,} naar {new:,} tokens om in het geheugen te passen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="148"/>
        <source>Context reduced from {old:,} to {new:,} tokens to keep more layers on the GPU.</source>
        <translation>Context verkleind van {old:,} naar {new:,} tokens om meer lagen op de GPU te houden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="155"/>
        <source>GPU layers auto: {layers} of {total} on the GPU ({free} GiB free, {used} GiB used).</source>
        <translation>GPU-lagen automatisch: {layers} van {total} op de GPU ({free} GiB vrij, {used} GiB gebruikt).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="162"/>
        <source>GPU layers auto: {layers} of {total} on {count} GPUs, {split} layers split by free memory ({free} GiB free, {used} GiB used).</source>
        <translation>GPU-lagen automatisch: {layers} van {total} op {count} GPU&apos;s, {split} lagen verdeeld naar vrij geheugen ({free} GiB vrij, {used} GiB gebruikt).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="170"/>
        <source>The estimate says this needs about {gib} GiB and does not fit; loading may fail.</source>
        <translation>Volgens de schatting is ongeveer {gib} GiB nodig en past het niet; laden kan mislukken.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="177"/>
        <source>llama.cpp crashed ({signal}) with its repacked weight layout on this CPU; {name} was loaded again without it, as every model will be on this machine.</source>
        <translation>llama.cpp liep vast ({signal}) met de herschikte opslag van de gewichten op deze processor; {name} is opnieuw geladen zonder die opslag, en zo laadt deze computer voortaan elk model.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="185"/>
        <source>The file has no chat template; using the {format} format, chosen from its architecture and vocabulary.</source>
        <translation>Het bestand heeft geen chatsjabloon; het {format}-formaat wordt gebruikt, gekozen op grond van de architectuur en de woordenschat.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/runtime.py" line="193"/>
        <source>{subject} uses the architecture &apos;{arch}&apos;, which the installed llama.cpp (llama-cpp-python) does not support (close names it knows: {near}).</source>
        <translation>{subject} gebruikt de architectuur &apos;{arch}&apos;, die de geïnstalleerde llama.cpp (llama-cpp-python) niet ondersteunt (verwante namen die het kent: {near}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="9"/>
        <source>Cannot connect to {name} at {url}: {cause}.</source>
        <translation>Kan geen verbinding maken met {name} op {url}: {cause}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="10"/>
        <source>Check that the server is running and the address and port are right.</source>
        <translation>Controleer of de server draait en of het adres en de poort kloppen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="15"/>
        <source>{name} at {url} did not accept the connection within {seconds} s.</source>
        <translation>{name} op {url} accepteerde de verbinding niet binnen {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="18"/>
        <source>Check the address, the port and any firewall between here and the server.</source>
        <translation>Controleer het adres, de poort en een eventuele firewall tussen hier en de server.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="23"/>
        <source>{name} sent nothing for {seconds} s.</source>
        <translation>{name} stuurde {seconds} s lang niets.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="24"/>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="32"/>
        <source>The server may be overloaded or still loading the model: try again, or raise the timeout with --timeout.</source>
        <translation>De server is misschien overbelast of laadt het model nog: probeer het opnieuw, of verhoog de wachttijd met --timeout.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="31"/>
        <source>{name} sent nothing for {seconds} s after {tokens} token(s).</source>
        <translation>{name} stuurde na {tokens} token(s) {seconds} s lang niets.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="39"/>
        <source>{name} closed the answer stream after {tokens} token(s), before it was complete.</source>
        <translation>{name} sloot de antwoordstroom na {tokens} token(s), voordat die compleet was.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="43"/>
        <source>The server may have stopped or restarted: check it and run the prompt again.</source>
        <translation>De server is misschien gestopt of herstart: controleer hem en voer de prompt opnieuw uit.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="48"/>
        <source>The TLS certificate of {name} at {url} could not be verified: {cause}.</source>
        <translation>Het TLS-certificaat van {name} op {url} kon niet worden gecontroleerd: {cause}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="51"/>
        <source>Use the server&apos;s proper certificate, or, only for a server you trust on your own network, add the endpoint again with --insecure.</source>
        <translation>Gebruik het juiste certificaat van de server, of voeg het endpoint opnieuw toe met --insecure, alleen voor een server die u vertrouwt op uw eigen netwerk.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="58"/>
        <source>{name} refused the API key (HTTP {status}).</source>
        <translation>{name} weigerde de API-sleutel (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="59"/>
        <source>Set the right key with &apos;model-wizard endpoints add {name} URL --api-key KEY&apos;.</source>
        <translation>Stel de juiste sleutel in met &apos;model-wizard endpoints add {name} URL --api-key KEY&apos;.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="64"/>
        <source>{name} needs an API key (HTTP {status}).</source>
        <translation>{name} heeft een API-sleutel nodig (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="65"/>
        <source>Add it with &apos;model-wizard endpoints add {name} URL --api-key KEY&apos;.</source>
        <translation>Voeg die toe met &apos;model-wizard endpoints add {name} URL --api-key KEY&apos;.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="70"/>
        <source>{name} has no model &apos;{model}&apos;. It serves: {available}.</source>
        <translation>{name} heeft geen model &apos;{model}&apos;. Het biedt: {available}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="71"/>
        <source>Choose one of those (see &apos;model-wizard endpoints check {name}&apos;).</source>
        <translation>Kies er een van (zie &apos;model-wizard endpoints check {name}&apos;).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="76"/>
        <source>{name} lists no models.</source>
        <translation>{name} noemt geen modellen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="77"/>
        <source>Load a model on the server first.</source>
        <translation>Laad eerst een model op de server.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="80"/>
        <source>{name} answered HTTP {status}: {detail}</source>
        <translation>{name} antwoordde HTTP {status}: {detail}</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="81"/>
        <source>Check the server&apos;s log.</source>
        <translation>Bekijk het logboek van de server.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="84"/>
        <source>{name} reported an error while answering: {detail}</source>
        <translation>{name} meldde een fout tijdens het antwoorden: {detail}</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="85"/>
        <source>Check the server&apos;s log; the prompt may be too long for its context.</source>
        <translation>Bekijk het logboek van de server; de prompt is misschien te lang voor zijn context.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="90"/>
        <source>{name} sent an answer that is not the OpenAI-compatible format ({detail}).</source>
        <translation>{name} stuurde een antwoord dat niet in het OpenAI-compatibele formaat is ({detail}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="93"/>
        <source>Check that the URL points at an OpenAI-compatible server (its /v1 API).</source>
        <translation>Controleer of de URL naar een OpenAI-compatibele server wijst (zijn /v1-API).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="98"/>
        <source>There is no endpoint named &apos;{name}&apos;.</source>
        <translation>Er is geen endpoint met de naam &apos;{name}&apos;.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="99"/>
        <source>Add it with &apos;model-wizard endpoints add {name} URL&apos;, or see &apos;model-wizard endpoints list&apos;.</source>
        <translation>Voeg het toe met &apos;model-wizard endpoints add {name} URL&apos;, of zie &apos;model-wizard endpoints list&apos;.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="106"/>
        <source>&apos;{url}&apos; is not an http:// or https:// address.</source>
        <translation>&apos;{url}&apos; is geen http://- of https://-adres.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/remote.py" line="107"/>
        <source>Give the server&apos;s address, for example http://192.168.1.20:8080.</source>
        <translation>Geef het adres van de server, bijvoorbeeld http://192.168.1.20:8080.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="10"/>
        <source>Host {host}: &apos;{address}&apos; is not a host name or IP address.</source>
        <translation>Host {host}: &apos;{address}&apos; is geen hostnaam of IP-adres.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="11"/>
        <source>Give the address the other hosts reach it at, e.g. 192.168.1.10.</source>
        <translation>Geef het adres waarop de andere hosts hem bereiken, bijv. 192.168.1.10.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="16"/>
        <source>Host {host}: &apos;{text}&apos; is not a number.</source>
        <translation>Host {host}: &apos;{text}&apos; is geen getal.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="17"/>
        <source>Write the figure in digits, e.g. 24 or 12.5.</source>
        <translation>Schrijf het getal in cijfers, bijv. 24 of 12,5.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="20"/>
        <source>Host {host}: {value} GiB of RAM is out of range.</source>
        <translation>Host {host}: {value} GiB RAM valt buiten het bereik.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="21"/>
        <source>Give 0.25 to 16,384 GiB.</source>
        <translation>Geef 0,25 tot 16.384 GiB.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="24"/>
        <source>Host {host}: {value} GPUs is out of range.</source>
        <translation>Host {host}: {value} GPU&apos;s valt buiten het bereik.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="25"/>
        <source>Give 0 to 16 GPUs (0 for a machine without one).</source>
        <translation>Geef 0 tot 16 GPU&apos;s (0 voor een computer zonder GPU).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="28"/>
        <source>Host {host}: {value} GiB per GPU is out of range.</source>
        <translation>Host {host}: {value} GiB per GPU valt buiten het bereik.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="29"/>
        <source>Give the memory of each GPU, up to 4,096 GiB.</source>
        <translation>Geef het geheugen van elke GPU, tot 4.096 GiB.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="32"/>
        <source>&apos;{name}&apos; is not in the bandwidth table.</source>
        <translation>&apos;{name}&apos; staat niet in de bandbreedtetabel.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="33"/>
        <source>Give the memory bandwidth in GB/s (e.g. 936), or leave it empty.</source>
        <translation>Geef de geheugenbandbreedte in GB/s (bijv. 936), of laat het leeg.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="38"/>
        <source>{value} GB/s is out of range.</source>
        <translation>{value} GB/s valt buiten het bereik.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="39"/>
        <source>Give 1 to 50,000 GB/s.</source>
        <translation>Geef 1 tot 50.000 GB/s.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="42"/>
        <source>A cluster needs two hosts or more.</source>
        <translation>Een cluster heeft twee of meer hosts nodig.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="43"/>
        <source>Add a row for each machine.</source>
        <translation>Voeg een rij toe voor elke computer.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="46"/>
        <source>The address {address} is given twice.</source>
        <translation>Het adres {address} is twee keer opgegeven.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="47"/>
        <source>Give each machine once.</source>
        <translation>Geef elke computer één keer op.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="50"/>
        <source>None of these machines has a GPU.</source>
        <translation>Geen van deze computers heeft een GPU.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/cluster.py" line="51"/>
        <source>llama.cpp&apos;s RPC backend joins GPUs: give the GPUs of at least one host.</source>
        <translation>De RPC-backend van llama.cpp koppelt GPU&apos;s: geef de GPU&apos;s van minstens één host.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/storage.py" line="9"/>
        <source>The database {name} was damaged ({damage}). It was moved to {moved_to} and a new one was started.</source>
        <translation>De database {name} was beschadigd ({damage}). Hij is verplaatst naar {moved_to} en er is een nieuwe begonnen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/storage.py" line="14"/>
        <source>The models in the models folder are added back to the library.</source>
        <translation>De modellen in de modellenmap worden weer aan de bibliotheek toegevoegd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/storage.py" line="19"/>
        <source>{rows} saved rows could still be read from it and were copied into the new one ({tables}).</source>
        <translation>{rows} opgeslagen rijen konden er nog uit gelezen worden en zijn naar de nieuwe gekopieerd ({tables}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/error_templates/storage.py" line="27"/>
        <source>What could not be read ({parts}) stays in the old file.</source>
        <translation>Wat niet gelezen kon worden ({parts}), blijft in het oude bestand.</translation>
    </message>
</context>
<context>
    <name>ExclusionModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="129"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="129"/>
        <source>Why it was left out</source>
        <translation>Waarom het is weggelaten</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="38"/>
        <source>Model recommendations</source>
        <translation>Modelaanbevelingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="40"/>
        <source>Use case: %1; context: %2.</source>
        <translation>Toepassing: %1; context: %2.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="47"/>
        <source>Machine: %1 RAM, %2.</source>
        <translation>Computer: %1 RAM, %2.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="53"/>
        <source>no GPU</source>
        <translation>geen GPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="61"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="62"/>
        <source>Quant</source>
        <translation>Kwantisatie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="63"/>
        <source>Fit</source>
        <translation>Past</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="64"/>
        <source>Memory</source>
        <translation>Geheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="65"/>
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="66"/>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="94"/>
        <source>Upgrades within your budget</source>
        <translation>Uitbreidingen binnen uw budget</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="97"/>
        <source>Left out</source>
        <translation>Weggelaten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/export.py" line="102"/>
        <source>Assumptions</source>
        <translation>Aannames</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="30"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="33"/>
        <source>Show the &amp;folder</source>
        <translation>Toon de &amp;map</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="34"/>
        <source>Show the folder with the model file</source>
        <translation>Toon de map met het modelbestand</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="37"/>
        <source>&amp;Serve it to other programs…</source>
        <translation>Aan andere programma&apos;s &amp;aanbieden…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="39"/>
        <source>Serve the model on this computer with an OpenAI-compatible API</source>
        <translation>Het model op deze computer aanbieden met een OpenAI-compatibele API</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="43"/>
        <source>How to use the model in other programs</source>
        <translation>Hoe u het model in andere programma&apos;s gebruikt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="65"/>
        <source>You chose &lt;b&gt;%1&lt;/b&gt; (%2, %3).</source>
        <translation>U koos &lt;b&gt;%1&lt;/b&gt; (%2, %3).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="72"/>
        <source>The file is at &lt;code&gt;%1&lt;/code&gt;.</source>
        <translation>Het bestand staat in &lt;code&gt;%1&lt;/code&gt;.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="77"/>
        <source>It is not downloaded yet: resume the download in My models when the connection is back, or run the wizard again.</source>
        <translation>Het is nog niet gedownload: hervat de download in Mijn modellen zodra de verbinding terug is, of doorloop de wizard opnieuw.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="84"/>
        <source>On this machine it answered at %1, with the first token after %2.</source>
        <translation>Op deze computer antwoordde het met %1, met het eerste token na %2.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="104"/>
        <source>llama.cpp</source>
        <translation>llama.cpp</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="105"/>
        <source>Chat in a terminal, or serve an OpenAI-compatible API:</source>
        <translation>Chatten in een terminal, of een OpenAI-compatibele API aanbieden:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="109"/>
        <source>LM Studio</source>
        <translation>LM Studio</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="110"/>
        <source>Import the file (it is linked or copied into LM Studio&apos;s models folder):</source>
        <translation>Importeer het bestand (het wordt gekoppeld of gekopieerd naar de modellenmap van LM Studio):</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="114"/>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="115"/>
        <source>Create a model from a Modelfile that points to the file:</source>
        <translation>Maak een model van een Modelfile die naar het bestand verwijst:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="120"/>
        <source>GPT4All</source>
        <translation>GPT4All</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="122"/>
        <source>Copy the file into GPT4All&apos;s models folder (Settings → Application → Download path), then choose it in the model list.</source>
        <translation>Kopieer het bestand naar de modellenmap van GPT4All (Settings → Application → Download path) en kies het daarna in de modellenlijst.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="35"/>
        <source>Compare with &amp;other models…</source>
        <translation>Vergelijken met &amp;andere modellen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/finish.py" line="36"/>
        <source>Compare this model with others on your prompts</source>
        <translation>Dit model met andere vergelijken op uw prompts</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="25"/>
        <location filename="../../wizard_app/ui/format.py" line="32"/>
        <location filename="../../wizard_app/ui/format.py" line="58"/>
        <location filename="../../wizard_app/ui/format.py" line="77"/>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="26"/>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="34"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="35"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="40"/>
        <source>%1 GB/s</source>
        <translation>%1 GB/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="42"/>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="43"/>
        <source>%1 kB/s</source>
        <translation>%1 kB/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="48"/>
        <source>speed unknown</source>
        <translation>snelheid onbekend</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="49"/>
        <source>≈ %1 tokens/s</source>
        <translation>≈ %1 tokens/s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../wizard_app/ui/format.py" line="53"/>
        <source>%Ln tokens</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../wizard_app/ui/format.py" line="61"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="64"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="69"/>
        <source>%1 h %2 min</source>
        <translation>%1 u %2 min</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="79"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/format.py" line="80"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>Gpu</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="104"/>
        <source>No GPU</source>
        <translation>Geen GPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="105"/>
        <source>NVIDIA</source>
        <translation>NVIDIA</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="106"/>
        <source>AMD</source>
        <translation>AMD</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="107"/>
        <source>Apple Silicon (unified memory)</source>
        <translation>Apple Silicon (gedeeld geheugen)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="108"/>
        <source>Intel</source>
        <translation>Intel</translation>
    </message>
</context>
<context>
    <name>HardwarePage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="75"/>
        <source>Your hardware</source>
        <translation>Uw hardware</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="126"/>
        <source>Planning for another machine</source>
        <translation>Plannen voor een andere computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="96"/>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="218"/>
        <source>Reading this machine&apos;s hardware…</source>
        <translation>De hardware van deze computer uitlezen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="78"/>
        <source>Read from this machine: change any figure. Or plan for another machine, or for several joined with llama.cpp&apos;s RPC backend.</source>
        <translation>Uitgelezen van deze computer: pas elk getal aan. Of plan voor een andere computer, of voor meerdere, gekoppeld met de RPC-backend van llama.cpp.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="110"/>
        <source>&amp;Read again</source>
        <translation>&amp;Opnieuw uitlezen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="114"/>
        <source>Read the hardware again</source>
        <translation>De hardware opnieuw uitlezen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="115"/>
        <source>llama.cpp&apos;s measured speed on this processor</source>
        <translation>De gemeten snelheid van llama.cpp op deze processor</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="111"/>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="269"/>
        <source>&amp;Measure speed again</source>
        <translation>Snelheid opnieuw &amp;meten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="105"/>
        <source>Give the other machine&apos;s figures, at least its RAM. Nothing of this machine is used; what you leave unknown is assumed, and the recommendation says so.</source>
        <translation>Geef de getallen van de andere computer, minstens het RAM. Niets van deze computer wordt gebruikt; wat u onbekend laat, wordt aangenomen, en het advies zegt dat.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="116"/>
        <source>Time llama.cpp on this processor again</source>
        <translation>Meet llama.cpp opnieuw op deze processor</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="122"/>
        <source>&amp;This machine</source>
        <translation>&amp;Deze computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="123"/>
        <source>Anot&amp;her machine</source>
        <translation>Een a&amp;ndere computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="124"/>
        <source>&amp;Several machines (llama.cpp RPC)</source>
        <translation>Meerdere &amp;computers (llama.cpp RPC)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="125"/>
        <source>Plan for this machine</source>
        <translation>Plannen voor deze computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="128"/>
        <source>Plan for several machines joined by llama.cpp&apos;s RPC backend</source>
        <translation>Plannen voor meerdere computers, gekoppeld met de RPC-backend van llama.cpp</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="137"/>
        <source>Plan for:</source>
        <translation>Plannen voor:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="227"/>
        <source>Read from this machine:</source>
        <translation>Uitgelezen van deze computer:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="254"/>
        <source>Timing llama.cpp on this processor for the speed predictions (about 20 s)…</source>
        <translation>llama.cpp wordt op deze processor gemeten voor de snelheidsvoorspellingen (ongeveer 20 s)…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="256"/>
        <source>S&amp;top timing</source>
        <translation>Meten s&amp;toppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="274"/>
        <source>Timing stopped. Predictions use typical figures.</source>
        <translation>Meten gestopt. De voorspellingen gebruiken gangbare cijfers.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="285"/>
        <source>The speed could not be measured: %1 Predictions use typical figures.</source>
        <translation>De snelheid kon niet worden gemeten: %1 De voorspellingen gebruiken gangbare waarden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="296"/>
        <source>Measured with llama.cpp on %1 threads: %2 GB/s reading weights, %3 µs per layer, %4 GFLOP/s on prompts (%5).</source>
        <translation>Gemeten met llama.cpp op %1 threads: %2 GB/s bij het lezen van de gewichten, %3 µs per laag, %4 GFLOP/s bij prompts (%5).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="313"/>
        <source>The hardware could not be read: %1 Enter the figures yourself.</source>
        <translation>De hardware kon niet worden uitgelezen: %1 Vul de getallen zelf in.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="321"/>
        <source>unknown processor</source>
        <translation>onbekende processor</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="323"/>
        <source>no GPU found</source>
        <translation>geen GPU gevonden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="324"/>
        <source>unknown system</source>
        <translation>onbekend systeem</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware.py" line="325"/>
        <source>%1; %2; %3</source>
        <translation>%1; %2; %3</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/history.py" line="27"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/history.py" line="27"/>
        <source>Use case</source>
        <translation>Toepassing</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/history.py" line="27"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/history.py" line="27"/>
        <source>Top picks</source>
        <translation>Beste keuzes</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="44"/>
        <source>Earlier recommendations</source>
        <translation>Eerdere aanbevelingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="46"/>
        <source>Trial runs</source>
        <translation>Proefdraaien</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="48"/>
        <source>&amp;Show recommendation</source>
        <translation>Aanbeveling &amp;tonen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="49"/>
        <source>Show the selected recommendation</source>
        <translation>De gekozen aanbeveling tonen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="54"/>
        <source>&lt;b&gt;Recommendations&lt;/b&gt;</source>
        <translation>&lt;b&gt;Aanbevelingen&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="63"/>
        <source>&lt;b&gt;Trial runs on this machine&lt;/b&gt; (measured, predicted)</source>
        <translation>&lt;b&gt;Proefdraaien op deze computer&lt;/b&gt; (gemeten, voorspeld)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="109"/>
        <source>Opening…</source>
        <translation>Openen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="115"/>
        <source>This entry was saved by another version and cannot be shown: %1</source>
        <translation>Dit item is door een andere versie opgeslagen en kan niet worden getoond: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="124"/>
        <source>Recommendation</source>
        <translation>Aanbeveling</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/history_view.py" line="126"/>
        <source>Saved recommendation</source>
        <translation>Opgeslagen aanbeveling</translation>
    </message>
</context>
<context>
    <name>HostTable</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="53"/>
        <source>Host (address)</source>
        <translation>Host (adres)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="54"/>
        <source>RAM (GiB)</source>
        <translation>RAM (GiB)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="55"/>
        <source>GPUs</source>
        <translation>GPU&apos;s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="56"/>
        <source>GiB per GPU</source>
        <translation>GiB per GPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="57"/>
        <source>GPU model or GB/s</source>
        <translation>GPU-model of GB/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="60"/>
        <source>The machines of the cluster, the main one first</source>
        <translation>De computers van het cluster, de hoofdcomputer eerst</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="65"/>
        <source>&amp;Add a host</source>
        <translation>&amp;Host toevoegen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="66"/>
        <source>Add a row for another machine</source>
        <translation>Een rij toevoegen voor nog een computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="67"/>
        <source>Re&amp;move the host</source>
        <translation>Host ver&amp;wijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="68"/>
        <source>Remove the selected machine</source>
        <translation>De gekozen computer verwijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="70"/>
        <source> Gbit/s</source>
        <translation> Gbit/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="71"/>
        <source>Network speed between the hosts in Gbit/s</source>
        <translation>Netwerksnelheid tussen de hosts in Gbit/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="72"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="73"/>
        <source>Network round trip between the hosts in ms</source>
        <translation>Rondetijd van het netwerk tussen de hosts in ms</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="76"/>
        <source>The first host is the main one: it runs llama-server and keeps the output layer. Every other host runs rpc-server and lends its GPUs (or, with 0 GPUs, its RAM). Give the GPU&apos;s model to look up its bandwidth, or the figure in GB/s; without one the speed is left unknown.</source>
        <translation>De eerste host is de hoofdcomputer: die draait llama-server en houdt de uitvoerlaag. Elke andere host draait rpc-server en leent zijn GPU&apos;s uit (of, met 0 GPU&apos;s, zijn RAM). Geef het GPU-model om de bandbreedte op te zoeken, of het getal in GB/s; zonder blijft de snelheid onbekend.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="103"/>
        <source>Networ&amp;k speed:</source>
        <translation>Netwerk&amp;snelheid:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_hosts.py" line="104"/>
        <source>R&amp;ound trip:</source>
        <translation>&amp;Rondetijd:</translation>
    </message>
</context>
<context>
    <name>HubSearchDialog</name>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="54"/>
        <source>Find on the Hub</source>
        <translation>Zoeken op de Hub</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="59"/>
        <source>e.g. qwen3 4b</source>
        <translation>bijv. qwen3 4b</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="60"/>
        <source>Model to search for</source>
        <translation>Model om naar te zoeken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="61"/>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="62"/>
        <source>Search the Hub</source>
        <translation>Zoeken op de Hub</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="64"/>
        <source>Repositories with GGUF files</source>
        <translation>Repository&apos;s met GGUF-bestanden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="87"/>
        <source>GGUF files and their fit on this machine</source>
        <translation>GGUF-bestanden en of ze op deze computer passen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="89"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="89"/>
        <source>Quant</source>
        <translation>Kwantisatie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="89"/>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="89"/>
        <source>Fit on this machine</source>
        <translation>Past op deze computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="66"/>
        <source>Check the &amp;fit</source>
        <translation>&amp;Past het?</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="67"/>
        <source>Read each file&apos;s header and check its fit</source>
        <translation>De header van elk bestand lezen en kijken of het past</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="68"/>
        <source>&amp;Add to my models</source>
        <translation>&amp;Toevoegen aan mijn modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="69"/>
        <source>Add the selected file to your models</source>
        <translation>Het gekozen bestand toevoegen aan je modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="72"/>
        <source>Hub search status</source>
        <translation>Status van het zoeken op de Hub</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="105"/>
        <source>&amp;Model:</source>
        <translation>&amp;Model:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="148"/>
        <source>Type part of a model&apos;s name first.</source>
        <translation>Typ eerst een deel van de naam van een model.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="153"/>
        <source>Searching the Hub…</source>
        <translation>Zoeken op de Hub…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="158"/>
        <source>{repo} · {n} downloads</source>
        <translation>{repo} · {n} downloads</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="163"/>
        <source>{n} repositories with GGUF files. Choose one to see its files.</source>
        <translation>{n} repository&apos;s met GGUF-bestanden. Kies er een om de bestanden te zien.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="167"/>
        <source>No GGUF repositories match.</source>
        <translation>Geen GGUF-repository&apos;s gevonden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="175"/>
        <source>Listing the files of {repo}…</source>
        <translation>De bestanden van {repo} worden opgehaald…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="182"/>
        <source>Choose a file; Check the fit reads each file&apos;s header (no download).</source>
        <translation>Kies een bestand; Past het? leest de header van elk bestand (zonder download).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="189"/>
        <source>Reading the files&apos; headers…</source>
        <translation>De headers van de bestanden worden gelezen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="202"/>
        <source>Fit at {n} tokens of context.</source>
        <translation>Passend bij {n} tokens context.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="211"/>
        <source>Adding {file}…</source>
        <translation>{file} wordt toegevoegd…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="223"/>
        <source>Added as {id} ({quant}): your recommendations now list it as added by you, and it downloads like any catalog model.</source>
        <translation>Toegevoegd als {id} ({quant}): je aanbevelingen tonen het nu als door jou toegevoegd, en het downloadt als elk model uit de catalogus.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="230"/>
        <source>The Hub could not be asked: {message}</source>
        <translation>De Hub kon niet worden gevraagd: {message}</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="244"/>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="245"/>
        <source> ({n} parts)</source>
        <translation> ({n} delen)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="262"/>
        <source>no exact fit (split model)</source>
        <translation>geen exacte schatting (gesplitst model)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="264"/>
        <source>fits on the GPU</source>
        <translation>past op de GPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="265"/>
        <source>fits, split between GPU and CPU</source>
        <translation>past, verdeeld over GPU en CPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="266"/>
        <source>fits, on the CPU only</source>
        <translation>past, alleen op de CPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="267"/>
        <source>does not fit</source>
        <translation>past niet</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/hub_search.py" line="269"/>
        <source>{verdict}, needs {size}</source>
        <translation>{verdict}, heeft {size} nodig</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="112"/>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="113"/>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="114"/>
        <source>German</source>
        <translation>Duits</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="115"/>
        <source>French</source>
        <translation>Frans</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="116"/>
        <source>Spanish</source>
        <translation>Spaans</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="117"/>
        <source>Italian</source>
        <translation>Italiaans</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="118"/>
        <source>Portuguese</source>
        <translation>Portugees</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="119"/>
        <source>Japanese</source>
        <translation>Japans</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="120"/>
        <source>Chinese</source>
        <translation>Chinees</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="121"/>
        <source>Korean</source>
        <translation>Koreaans</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="122"/>
        <source>Russian</source>
        <translation>Russisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="123"/>
        <source>Arabic</source>
        <translation>Arabisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="124"/>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="125"/>
        <source>Polish</source>
        <translation>Pools</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="126"/>
        <source>Turkish</source>
        <translation>Turks</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="127"/>
        <source>Vietnamese</source>
        <translation>Vietnamees</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="128"/>
        <source>Indonesian</source>
        <translation>Indonesisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="129"/>
        <source>Ukrainian</source>
        <translation>Oekraïens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="130"/>
        <source>Czech</source>
        <translation>Tsjechisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="131"/>
        <source>Swedish</source>
        <translation>Zweeds</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="133"/>
        <source>Bengali</source>
        <translation>Bengaals</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="134"/>
        <source>Bulgarian</source>
        <translation>Bulgaars</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="135"/>
        <source>Catalan</source>
        <translation>Catalaans</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="136"/>
        <source>Croatian</source>
        <translation>Kroatisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="137"/>
        <source>Danish</source>
        <translation>Deens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="138"/>
        <source>Estonian</source>
        <translation>Estisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="139"/>
        <source>Filipino</source>
        <translation>Filipijns</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="140"/>
        <source>Finnish</source>
        <translation>Fins</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="141"/>
        <source>Greek</source>
        <translation>Grieks</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="142"/>
        <source>Gujarati</source>
        <translation>Gujarati</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="143"/>
        <source>Hebrew</source>
        <translation>Hebreeuws</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="144"/>
        <source>Hungarian</source>
        <translation>Hongaars</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="145"/>
        <source>Icelandic</source>
        <translation>IJslands</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="146"/>
        <source>Kannada</source>
        <translation>Kannada</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="147"/>
        <source>Latvian</source>
        <translation>Lets</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="148"/>
        <source>Lithuanian</source>
        <translation>Litouws</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="149"/>
        <source>Malayalam</source>
        <translation>Malayalam</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="150"/>
        <source>Marathi</source>
        <translation>Marathi</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="151"/>
        <source>Norwegian</source>
        <translation>Noors</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="152"/>
        <source>Persian</source>
        <translation>Perzisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="153"/>
        <source>Punjabi</source>
        <translation>Punjabi</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="154"/>
        <source>Romanian</source>
        <translation>Roemeens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="155"/>
        <source>Serbian</source>
        <translation>Servisch</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="156"/>
        <source>Slovak</source>
        <translation>Slowaaks</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="157"/>
        <source>Slovenian</source>
        <translation>Sloveens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="158"/>
        <source>Swahili</source>
        <translation>Swahili</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="159"/>
        <source>Tamil</source>
        <translation>Tamil</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="160"/>
        <source>Telugu</source>
        <translation>Telugu</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="161"/>
        <source>Thai</source>
        <translation>Thai</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="162"/>
        <source>Urdu</source>
        <translation>Urdu</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="163"/>
        <source>Zulu</source>
        <translation>Zoeloe</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="37"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="38"/>
        <source>Quant</source>
        <translation>Kwantisatie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="39"/>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="40"/>
        <source>Added</source>
        <translation>Toegevoegd</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="41"/>
        <source>Last used</source>
        <translation>Laatst gebruikt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="42"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/library.py" line="52"/>
        <source>never</source>
        <translation>nooit</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="76"/>
        <source>Installed models</source>
        <translation>Geïnstalleerde modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="78"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="80"/>
        <source>No models yet. Run the wizard to find and download one.</source>
        <translation>Nog geen modellen. Doorloop de wizard om er een te vinden en te downloaden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="85"/>
        <source>Models being served</source>
        <translation>Modellen die worden aangeboden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="99"/>
        <source>&amp;Try…</source>
        <translation>&amp;Uitproberen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="100"/>
        <source>Show &amp;folder</source>
        <translation>&amp;Map tonen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="101"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="102"/>
        <location filename="../../wizard_app/ui/views/library_view.py" line="234"/>
        <source>Ser&amp;ve…</source>
        <translation>Aan&amp;bieden…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="104"/>
        <source>Serve the model on this computer with an OpenAI-compatible API</source>
        <translation>Het model op deze computer aanbieden met een OpenAI-compatibele API</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="106"/>
        <source>Find models from &amp;other apps</source>
        <translation>Modellen van &amp;andere apps zoeken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="109"/>
        <source>Look in the folders of LM Studio, GPT4All, Ollama and the Hugging Face cache; found models are used where they are, not copied.</source>
        <translation>Zoek in de mappen van LM Studio, GPT4All, Ollama en de Hugging Face-cache; gevonden modellen worden gebruikt waar ze staan, niet gekopieerd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="113"/>
        <source>&amp;Add a file…</source>
        <translation>Bestand &amp;toevoegen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="115"/>
        <source>Add a GGUF model file from this computer; it is used where it is.</source>
        <translation>Een GGUF-modelbestand van deze computer toevoegen; het wordt gebruikt waar het staat.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="117"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pauzeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="118"/>
        <source>Res&amp;ume</source>
        <translation>&amp;Hervatten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="119"/>
        <source>&amp;Cancel download</source>
        <translation>Download &amp;annuleren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="141"/>
        <source>&lt;b&gt;Downloads&lt;/b&gt;</source>
        <translation>&lt;b&gt;Downloads&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="234"/>
        <source>Stop ser&amp;ving</source>
        <translation>Aan&amp;bieden stoppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="260"/>
        <source>Remove model</source>
        <translation>Model verwijderen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="262"/>
        <source>Remove %1 from the library? A file the app downloaded is deleted; a file from another app stays where it is.</source>
        <translation>%1 uit de bibliotheek verwijderen? Een bestand dat de app heeft gedownload wordt gewist; een bestand van een andere app blijft staan.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="279"/>
        <source>Removed.</source>
        <translation>Verwijderd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="288"/>
        <source>Add a model file</source>
        <translation>Een modelbestand toevoegen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="290"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-modellen (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="290"/>
        <source>All files (*)</source>
        <translation>Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="309"/>
        <source>Reading %1…</source>
        <translation>%1 wordt gelezen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="327"/>
        <source>Added %1.</source>
        <translation>%1 is toegevoegd.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="335"/>
        <source>%1 was not added to My models.</source>
        <translation>%1 is niet toegevoegd aan Mijn modellen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="338"/>
        <source>Not a model file</source>
        <translation>Geen modelbestand</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="353"/>
        <source>Looking for models from other apps…</source>
        <translation>Zoeken naar modellen van andere apps…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="367"/>
        <source>Looked in: %1.</source>
        <translation>Gezocht in: %1.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="369"/>
        <source>Models found in other apps: %1.</source>
        <translation>Modellen gevonden bij andere apps: %1.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="372"/>
        <source>No models from other apps were found. Add a file with “Add a file…” instead.</source>
        <translation>Er zijn geen modellen van andere apps gevonden. Voeg in plaats daarvan een bestand toe met “Bestand toevoegen…”.</translation>
    </message>
</context>
<context>
    <name>Licence</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="78"/>
        <source>Commercial use allowed</source>
        <translation>Commercieel gebruik toegestaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="79"/>
        <source>Commercial use with restrictions</source>
        <translation>Commercieel gebruik met beperkingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="80"/>
        <source>No commercial use</source>
        <translation>Geen commercieel gebruik</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="84"/>
        <source>Any licence (personal use)</source>
        <translation>Elke licentie (persoonlijk gebruik)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="85"/>
        <source>Must allow commercial use</source>
        <translation>Moet commercieel gebruik toestaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="86"/>
        <source>Commercial use without restrictions</source>
        <translation>Commercieel gebruik zonder beperkingen</translation>
    </message>
</context>
<context>
    <name>MachineForm</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="44"/>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="45"/>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="49"/>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="58"/>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="49"/>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="53"/>
        <source>e.g. RTX 4090 or Apple M2 Max</source>
        <translation>bijv. RTX 4090 of Apple M2 Max</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="54"/>
        <source>This is a &amp;laptop</source>
        <translation>Dit is een &amp;laptop</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="59"/>
        <source> GB/s</source>
        <translation> GB/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="59"/>
        <source>unknown (assume 51.2 GB/s)</source>
        <translation>onbekend (uitgaan van 51,2 GB/s)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="61"/>
        <source>optional, e.g. 192.168.1.20 or gpu-box</source>
        <translation>optioneel, bijv. 192.168.1.20 of gpu-box</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="63"/>
        <source>System memory (RAM) in GiB</source>
        <translation>Werkgeheugen (RAM) in GiB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="64"/>
        <source>Graphics card</source>
        <translation>Videokaart</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="65"/>
        <source>Graphics memory (VRAM) in GiB</source>
        <translation>Videogeheugen (VRAM) in GiB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="66"/>
        <source>Number of graphics cards of this size</source>
        <translation>Aantal grafische kaarten van deze grootte</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="67"/>
        <source>Graphics card model, for its memory bandwidth</source>
        <translation>Model van de grafische kaart, voor de geheugenbandbreedte</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="68"/>
        <source>The machine is a laptop</source>
        <translation>De computer is een laptop</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="69"/>
        <source>Processor cores</source>
        <translation>Processorkernen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="70"/>
        <source>Free disk space in GiB</source>
        <translation>Vrije schijfruimte in GiB</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="71"/>
        <source>Memory bandwidth in GB/s</source>
        <translation>Geheugenbandbreedte in GB/s</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="72"/>
        <source>The other machine&apos;s address, for the commands to start it</source>
        <translation>Het adres van de andere computer, voor de opdrachten om het model daar te starten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="79"/>
        <source>&amp;RAM:</source>
        <translation>&amp;RAM:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="80"/>
        <source>&amp;GPU:</source>
        <translation>&amp;GPU:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="81"/>
        <source>&amp;VRAM:</source>
        <translation>Gra&amp;fisch geheugen (VRAM):</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="82"/>
        <source>N&amp;umber of GPUs:</source>
        <translation>&amp;Aantal GPU&apos;s:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="86"/>
        <source>Memory band&amp;width:</source>
        <translation>Geheugen&amp;bandbreedte:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="83"/>
        <source>GPU &amp;model:</source>
        <translation>GPU-&amp;model:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="84"/>
        <source>C&amp;PU cores:</source>
        <translation>C&amp;PU-kernen:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="85"/>
        <source>Free &amp;disk:</source>
        <translation>Vrije &amp;schijf:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/hardware_form.py" line="87"/>
        <source>Its addr&amp;ess:</source>
        <translation>Adr&amp;es:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="30"/>
        <source>Open Model Wizard</source>
        <translation>Open Model Wizard</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="37"/>
        <source>Sections</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="39"/>
        <source>Wi&amp;zard</source>
        <translation>Wi&amp;zard</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="40"/>
        <source>My &amp;models</source>
        <translation>Mijn &amp;modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="42"/>
        <source>Hi&amp;story</source>
        <translation>&amp;Geschiedenis</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="56"/>
        <source>Loading the model catalog…</source>
        <translation>De modelcatalogus laden…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="64"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="65"/>
        <source>&amp;New recommendation</source>
        <translation>&amp;Nieuwe aanbeveling</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="68"/>
        <source>Find on the &amp;Hub…</source>
        <translation>Zoeken op de &amp;Hub…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="71"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="74"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="79"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="80"/>
        <source>&amp;About</source>
        <translation>&amp;Over</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="153"/>
        <source>About Open Model Wizard</source>
        <translation>Over Open Model Wizard</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="155"/>
        <source>Open Model Wizard %1: choose, download and try an open-weight language model that fits your machine. Nothing leaves your machine except model downloads.</source>
        <translation>Open Model Wizard %1: kies, download en probeer een taalmodel met open gewichten dat op uw computer past. Niets verlaat uw computer behalve de modeldownloads.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="171"/>
        <source>The database was replaced</source>
        <translation>De database is vervangen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="179"/>
        <source>The app cannot start properly: %1</source>
        <translation>De app kan niet goed starten: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/main_window.py" line="41"/>
        <source>&amp;Compare</source>
        <translation>Vergel&amp;ijken</translation>
    </message>
</context>
<context>
    <name>MemoryBar</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/memory_bar.py" line="72"/>
        <source>Memory needed against memory available</source>
        <translation>Benodigd geheugen tegenover beschikbaar geheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/memory_bar.py" line="78"/>
        <source>GPU memory</source>
        <translation>GPU-geheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/memory_bar.py" line="78"/>
        <source>System memory</source>
        <translation>Werkgeheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/memory_bar.py" line="87"/>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 van %3</translation>
    </message>
</context>
<context>
    <name>MetricsView</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="22"/>
        <source>Figures</source>
        <translation>Cijfers</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="23"/>
        <source>Measured figures</source>
        <translation>Gemeten cijfers</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="26"/>
        <source>Load time</source>
        <translation>Laadtijd</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="27"/>
        <source>Time to first token</source>
        <translation>Tijd tot eerste token</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="28"/>
        <source>Generation speed</source>
        <translation>Generatiesnelheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="29"/>
        <source>Prompt reading</source>
        <translation>Prompt lezen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="30"/>
        <source>Peak memory</source>
        <translation>Piekgeheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="31"/>
        <source>Context, GPU layers, threads</source>
        <translation>Context, GPU-lagen, threads</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="33"/>
        <source>Predicted</source>
        <translation>Voorspeld</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="34"/>
        <source>Measured</source>
        <translation>Gemeten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="42"/>
        <source>predicted</source>
        <translation>voorspeld</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/metrics.py" line="42"/>
        <source>measured</source>
        <translation>gemeten</translation>
    </message>
</context>
<context>
    <name>ModelWizard</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/wizard.py" line="24"/>
        <source>Open Model Wizard</source>
        <translation>Open Model Wizard</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/wizard.py" line="28"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Terug</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/wizard.py" line="29"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Volgende &gt;</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/wizard.py" line="30"/>
        <source>F&amp;inish</source>
        <translation>&amp;Voltooien</translation>
    </message>
</context>
<context>
    <name>Openness</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="90"/>
        <source>Training data</source>
        <translation>Trainingsdata</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="91"/>
        <source>Weights</source>
        <translation>Gewichten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="92"/>
        <source>Evaluation code</source>
        <translation>Evaluatiecode</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="93"/>
        <source>Fine-tuning code</source>
        <translation>Code voor fijnafstemming</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="94"/>
        <source>Training metrics</source>
        <translation>Trainingsmetingen</translation>
    </message>
</context>
<context>
    <name>PickTableModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="43"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="44"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="45"/>
        <source>Quant</source>
        <translation>Kwantisatie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="46"/>
        <source>Fit</source>
        <translation>Past</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="47"/>
        <source>Memory</source>
        <translation>Geheugen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="48"/>
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="49"/>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="50"/>
        <source>Openness</source>
        <translation>Openheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="75"/>
        <source>Needs about %1 at %2</source>
        <translation>Heeft ongeveer %1 nodig bij %2</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="121"/>
        <source>Fully open</source>
        <translation>Volledig open</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="121"/>
        <source>Open weights</source>
        <translation>Open gewichten</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="98"/>
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="99"/>
        <source>Balanced</source>
        <translation>Evenwichtig</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="100"/>
        <source>Quality</source>
        <translation>Kwaliteit</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="25"/>
        <source>No GGUF file to run: {why}</source>
        <translation>Geen GGUF-bestand om te draaien: {why}</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="26"/>
        <source>No GGUF file to run: {why} Run {alternative} instead.</source>
        <translation>Geen GGUF-bestand om te draaien: {why} Gebruik in plaats daarvan {alternative}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="30"/>
        <source>Licence {licence} does not allow commercial use (commercial use: {commercial}).</source>
        <translation>Licentie {licence} staat geen commercieel gebruik toe (commercieel gebruik: {commercial}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="36"/>
        <source>Licence {licence} does not allow unrestricted use (commercial use: {commercial}).</source>
        <translation>Licentie {licence} staat geen onbeperkt gebruik toe (commercieel gebruik: {commercial}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="42"/>
        <source>Licence {licence} does not allow {required} (commercial use: {commercial}).</source>
        <translation>Licentie {licence} staat geen {required} toe (commercieel gebruik: {commercial}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="46"/>
        <source>Not fully open: {closed} not public.</source>
        <translation>Niet volledig open: {closed} niet openbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="47"/>
        <source>Weights are not openly available.</source>
        <translation>De gewichten zijn niet openlijk beschikbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="48"/>
        <source>Does not list {language} among its languages ({languages}).</source>
        <translation>Noemt {language} niet bij zijn talen ({languages}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="51"/>
        <source>Trained for {trained} tokens of context; you asked for {context}.</source>
        <translation>Getraind voor {trained} tokens context; u vroeg om {context}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="55"/>
        <source>Too slow here: about {tokens_per_s:.1f} tokens/s at {quant}, below the {min_speed:g} tokens/s a {priority} choice needs.</source>
        <translation>Te traag op deze computer: ongeveer {tokens_per_s:.1f} tokens/s bij {quant}, onder de {min_speed:g} tokens/s die de prioriteit {priority} vraagt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="62"/>
        <source>Too slow here: about {tokens_per_s:.1f} tokens/s at {quant}, below the {min_speed:g} tokens/s a {priority} choice needs. Choose the quality priority to include it.</source>
        <translation>Te traag op deze computer: ongeveer {tokens_per_s:.1f} tokens/s bij {quant}, onder de {min_speed:g} tokens/s die de prioriteit {priority} vraagt. Kies de prioriteit kwaliteit om het mee te nemen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="70"/>
        <source>Too big for this machine: even {quant} needs about {need_gib:.1f} GiB at {context} tokens of context; {ram_gib:.1f} GiB of RAM usable.</source>
        <translation>Te groot voor deze computer: zelfs {quant} heeft ongeveer {need_gib:.1f} GiB nodig bij {context} tokens context; {ram_gib:.1f} GiB RAM bruikbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="77"/>
        <source>Too big for this machine: even {quant} needs about {need_gib:.1f} GiB at {context} tokens of context; {ram_gib:.1f} GiB of RAM and {gpu_gib:.1f} GiB of GPU memory usable.</source>
        <translation>Te groot voor deze computer: zelfs {quant} heeft ongeveer {need_gib:.1f} GiB nodig bij {context} tokens context; {ram_gib:.1f} GiB RAM en {gpu_gib:.1f} GiB GPU-geheugen bruikbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="84"/>
        <source>Not enough disk space: {files}; {limit_gb:.1f} GB available for models.</source>
        <translation>Niet genoeg schijfruimte: {files}; {limit_gb:.1f} GB beschikbaar voor modellen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="88"/>
        <source>Published results for {use_case}: {scores}.</source>
        <translation>Gepubliceerde resultaten voor {use_case}: {scores}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="92"/>
        <source>No published score for {use_case}; judged from related results: {scores}.</source>
        <translation>Geen gepubliceerde score voor {use_case}; beoordeeld op verwante resultaten: {scores}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="97"/>
        <source>No published score for {use_case} in the catalog: quality is judged from its size ({size_b:g}B), below models with good results.</source>
        <translation>Geen gepubliceerde score voor {use_case} in de catalogus: de kwaliteit is geschat naar de grootte ({size_b:g}B), onder modellen met goede resultaten.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="103"/>
        <source>Made for {use_case}.</source>
        <translation>Gemaakt voor {use_case}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="104"/>
        <source>A base model, not tuned to follow instructions.</source>
        <translation>Een basismodel, niet getraind om instructies te volgen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="108"/>
        <source>{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: {verdict}.</source>
        <translation>{quant} (bestand van {file_gb:.1f} GB) heeft ongeveer {memory_gib:.1f} GiB nodig bij {context} tokens: {verdict}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="115"/>
        <source>{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: {verdict}, about {tokens_per_s:g} tokens/s.</source>
        <translation>{quant} (bestand van {file_gb:.1f} GB) heeft ongeveer {memory_gib:.1f} GiB nodig bij {context} tokens: {verdict}, ongeveer {tokens_per_s:g} tokens/s.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="122"/>
        <source>{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: {verdict} ({gpu_layers} of {layers} layers on the GPU).</source>
        <translation>{quant} (bestand van {file_gb:.1f} GB) heeft ongeveer {memory_gib:.1f} GiB nodig bij {context} tokens: {verdict} ({gpu_layers} van de {layers} lagen op de GPU).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="129"/>
        <source>{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: {verdict} ({gpu_layers} of {layers} layers on the GPU), about {tokens_per_s:g} tokens/s.</source>
        <translation>{quant} (bestand van {file_gb:.1f} GB) heeft ongeveer {memory_gib:.1f} GiB nodig bij {context} tokens: {verdict} ({gpu_layers} van de {layers} lagen op de GPU), ongeveer {tokens_per_s:g} tokens/s.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="144"/>
        <source>{quant} chosen for quality over speed: {faster_quant} would fit wholly on the GPU at about {faster_tps:g} tokens/s.</source>
        <translation>{quant} gekozen om kwaliteit boven snelheid: {faster_quant} zou volledig op de GPU passen, met ongeveer {faster_tps:g} tokens/s.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="172"/>
        <source>{quant} is a strong compression; answers lose some quality.</source>
        <translation>{quant} is een sterke kwantisatie; antwoorden verliezen wat kwaliteit.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="175"/>
        <source>Licence {licence}: {terms}.</source>
        <translation>Licentie {licence}: {terms}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="177"/>
        <source>Licence {licence}: {terms}; accept the licence on Hugging Face before downloading.</source>
        <translation>Licentie {licence}: {terms}; accepteer de licentie op Hugging Face voordat u downloadt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="182"/>
        <source>Fully open: training data, code and metrics are public.</source>
        <translation>Volledig open: trainingsdata, code en metingen zijn openbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="185"/>
        <source>Lists {language} among its languages.</source>
        <translation>Noemt {language} bij zijn talen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="187"/>
        <source>Limited to {context} tokens of context (trained length), less than the {wanted} assumed for this use.</source>
        <translation>Beperkt tot {context} tokens context (getrainde lengte), minder dan de {wanted} die voor deze toepassing is aangenomen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="194"/>
        <source>For about {price:g} USD, {option} runs {model} at {quant} ({verdict}).</source>
        <translation>Voor ongeveer {price:g} USD draait {option} het model {model} bij {quant} ({verdict}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="198"/>
        <source>For about {price:g} USD, {option} runs {model} at {quant} ({verdict}, about {tokens_per_s:g} tokens/s).</source>
        <translation>Voor ongeveer {price:g} USD draait {option} het model {model} bij {quant} ({verdict}, ongeveer {tokens_per_s:g} tokens/s).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="205"/>
        <source>Memory is estimated at {context} tokens of context with an f16 KV cache.</source>
        <translation>Het geheugen is geschat bij {context} tokens context met een f16-KV-cache.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="209"/>
        <source>Speed is estimated from memory bandwidth (generation is memory-bound); it is calibrated by real runs on this machine.</source>
        <translation>De snelheid is geschat uit de geheugenbandbreedte (genereren wordt begrensd door het geheugen); echte runs op deze computer kalibreren de schatting.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="223"/>
        <source>Speed is estimated from memory bandwidth (generation is memory-bound) and published figures: the planned machine has not been measured.</source>
        <translation>De snelheid is geschat uit de geheugenbandbreedte (genereren wordt begrensd door het geheugen) en gepubliceerde waarden: de geplande computer is niet gemeten.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="229"/>
        <source>RAM was given, not measured: part of it is kept for the operating system.</source>
        <translation>Het RAM is opgegeven, niet gemeten: een deel ervan blijft voor het besturingssysteem.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="232"/>
        <source>Not detected: {details}.</source>
        <translation>Niet gedetecteerd: {details}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="233"/>
        <source>Given by you instead of detected: {fields}.</source>
        <translation>Door u opgegeven in plaats van gedetecteerd: {fields}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="137"/>
        <source>{quant} fits wholly on the GPU: about {tokens_per_s:g} tokens/s instead of {other_tps:g} for {other_quant} ({other_verdict}).</source>
        <translation>{quant} past volledig op de GPU: ongeveer {tokens_per_s:g} tokens/s in plaats van {other_tps:g} voor {other_quant} ({other_verdict}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="151"/>
        <source>{quant} rather than {other_quant}: about {tokens_per_s:g} tokens/s instead of {other_tps:g}, for a small loss in quality.</source>
        <translation>{quant} in plaats van {other_quant}: ongeveer {tokens_per_s:g} tokens/s in plaats van {other_tps:g}, voor een klein kwaliteitsverlies.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="158"/>
        <source>{quant} is below {floor}, used because no {floor} or larger file fits here at a usable speed.</source>
        <translation>{quant} ligt onder {floor}, omdat hier geen bestand van {floor} of groter met een bruikbare snelheid past.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="165"/>
        <source>{quant} runs wholly on the GPU, which no {floor} or larger file does: about {tokens_per_s:g} tokens/s instead of {other_tps:g} for {other_quant} ({other_verdict}).</source>
        <translation>{quant} draait volledig op de GPU, wat geen bestand van {floor} of groter doet: ongeveer {tokens_per_s:g} tokens/s in plaats van {other_tps:g} voor {other_quant} ({other_verdict}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="216"/>
        <source>Speed is estimated from memory bandwidth (generation is memory-bound) with typical figures for the CPU: no measurement of this CPU was used.</source>
        <translation>De snelheid is geschat uit de geheugenbandbreedte (genereren wordt begrensd door het geheugen) met gangbare waarden voor de CPU: er is geen meting van deze CPU gebruikt.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="235"/>
        <source>Planning another machine: only the figures you gave are used, nothing of this one.</source>
        <translation>Planning voor een andere computer: alleen de door u opgegeven waarden worden gebruikt, niets van deze computer.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="240"/>
        <source>Detected on this machine: {fields}.</source>
        <translation>Gedetecteerd op deze computer: {fields}.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="241"/>
        <source>GPU memory bandwidth of {gpu}: {gbs:g} GB/s, published ({source}).</source>
        <translation>Geheugenbandbreedte van {gpu}: {gbs:g} GB/s, gepubliceerd ({source}).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="245"/>
        <source>No published memory bandwidth is known for {gpu}: speed assumes {gbs:g} GB/s; give --gpu-name or --gpu-bandwidth-gbs.</source>
        <translation>Voor {gpu} is geen gepubliceerde geheugenbandbreedte bekend: de snelheid gaat uit van {gbs:g} GB/s; geef --gpu-name of --gpu-bandwidth-gbs op.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="252"/>
        <source>{count} GPUs share each model: whole layers split by free memory, as llama.cpp does; each card keeps its own context, compute buffer and margin.</source>
        <translation>{count} GPU&apos;s delen elk model: hele lagen verdeeld naar vrij geheugen, zoals llama.cpp doet; elke kaart houdt een eigen context, rekenbuffer en marge.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/core/recommend/reasons.py" line="258"/>
        <source>A laptop: upgrades leave out desktop graphics cards and memory kits.</source>
        <translation>Een laptop: bij de upgrades vallen grafische kaarten en geheugenmodules voor desktops weg.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="27"/>
        <source>fits on the GPU</source>
        <translation>past op de GPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="28"/>
        <source>split between GPU and CPU</source>
        <translation>verdeeld over GPU en CPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="29"/>
        <source>runs on the CPU only</source>
        <translation>draait alleen op de CPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="30"/>
        <source>does not fit</source>
        <translation>past niet</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="33"/>
        <source>commercial use allowed</source>
        <translation>commercieel gebruik toegestaan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="34"/>
        <source>commercial use with restrictions</source>
        <translation>commercieel gebruik met beperkingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="35"/>
        <source>no commercial use</source>
        <translation>geen commercieel gebruik</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="38"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="39"/>
        <source>restricted</source>
        <translation>beperkt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="40"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="43"/>
        <source>commercial use</source>
        <translation>commercieel gebruik</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/reasons.py" line="44"/>
        <source>unrestricted use</source>
        <translation>onbeperkt gebruik</translation>
    </message>
</context>
<context>
    <name>RecommendationsPage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="70"/>
        <source>Recommendations</source>
        <translation>Aanbevelingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="118"/>
        <source>Recommended models</source>
        <translation>Aanbevolen modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="127"/>
        <source>Models left out</source>
        <translation>Weggelaten modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="130"/>
        <source>Upgrade advice</source>
        <translation>Advies voor uitbreiding</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="83"/>
        <source>Results</source>
        <translation>Resultaten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="84"/>
        <source>Recommended</source>
        <translation>Aanbevolen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="85"/>
        <source>Left out</source>
        <translation>Weggelaten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="86"/>
        <source>Upgrades</source>
        <translation>Uitbreidingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="95"/>
        <source>Export as &amp;Markdown…</source>
        <translation>Exporteren als &amp;Markdown…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="96"/>
        <source>Export as &amp;JSON…</source>
        <translation>Exporteren als &amp;JSON…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="97"/>
        <source>Export the recommendation as Markdown</source>
        <translation>De aanbeveling exporteren als Markdown</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="98"/>
        <source>Export the recommendation as JSON</source>
        <translation>De aanbeveling exporteren als JSON</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="190"/>
        <source>Comparing the catalog&apos;s models with your machine…</source>
        <translation>De modellen uit de catalogus vergelijken met uw computer…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="199"/>
        <source>No recommendation: %1</source>
        <translation>Geen aanbeveling: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="214"/>
        <source>Recommended (%1)</source>
        <translation>Aanbevolen (%1)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="215"/>
        <source>Left out (%1)</source>
        <translation>Weggelaten (%1)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="216"/>
        <source>Upgrades (%1)</source>
        <translation>Uitbreidingen (%1)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="223"/>
        <source>Best for %1 at %2 of context. Choose one to see why and to download it.</source>
        <translation>Het best voor %1 bij %2 context. Kies er een om te zien waarom en om het te downloaden.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="231"/>
        <source>No model in the catalog fits these answers. See why under ‘Left out’, or go back and loosen a constraint.</source>
        <translation>Geen model in de catalogus past bij deze antwoorden. Zie waarom onder ‘Weggelaten’, of ga terug en versoepel een voorwaarde.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="346"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="346"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="348"/>
        <source>Export the recommendation</source>
        <translation>De aanbeveling exporteren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="361"/>
        <source>Could not write %1: %2. Choose another folder.</source>
        <translation>Kon %1 niet schrijven: %2. Kies een andere map.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/recommendations.py" line="366"/>
        <source>Saved to %1.</source>
        <translation>Opgeslagen in %1.</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/runs.py" line="18"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/runs.py" line="19"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/runs.py" line="20"/>
        <source>Quant</source>
        <translation>Kwantisatie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/runs.py" line="21"/>
        <source>First token</source>
        <translation>Eerste token</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/runs.py" line="22"/>
        <source>Speed (predicted)</source>
        <translation>Snelheid (voorspeld)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/runs.py" line="23"/>
        <source>Peak memory (predicted)</source>
        <translation>Piekgeheugen (voorspeld)</translation>
    </message>
</context>
<context>
    <name>RuntimePicker</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="33"/>
        <source>Where the model runs</source>
        <translation>Waar het model draait</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="35"/>
        <source>Model on the server</source>
        <translation>Model op de server</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="37"/>
        <source>Re&amp;fresh</source>
        <translation>Ver&amp;nieuwen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="38"/>
        <source>List the server&apos;s models again</source>
        <translation>De modellen van de server opnieuw opvragen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="41"/>
        <source>R&amp;untime:</source>
        <translation>Uitvoer&amp;plek:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="65"/>
        <source>This computer</source>
        <translation>Deze computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="110"/>
        <source>Asking %1 for its models…</source>
        <translation>%1 wordt om zijn modellen gevraagd…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="125"/>
        <source>Models on the server: %1</source>
        <translation>Modellen op de server: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="127"/>
        <source>The server lists no models.</source>
        <translation>De server noemt geen modellen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="145"/>
        <source>Measured here, through the network: %1 tokens.</source>
        <translation>Hier gemeten, via het netwerk: %1 tokens.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="148"/>
        <source>The server&apos;s memory and load time are not known here.</source>
        <translation>Het geheugen en de laadtijd van de server zijn hier niet bekend.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/runtime_picker.py" line="156"/>
        <source>The server&apos;s own figure: %1.</source>
        <translation>Het eigen cijfer van de server: %1.</translation>
    </message>
</context>
<context>
    <name>ServeDialog</name>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="51"/>
        <source>Serve %1</source>
        <translation>%1 aanbieden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="56"/>
        <source>empty: no key (only this computer can connect)</source>
        <translation>leeg: geen sleutel (alleen deze computer kan verbinden)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="57"/>
        <source>&amp;Make a key</source>
        <translation>Sleutel &amp;maken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="58"/>
        <source>&amp;Keep it running after the app closes</source>
        <translation>&amp;Laten draaien als de app sluit</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="59"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="60"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="63"/>
        <source>The server listens on 127.0.0.1 only: programs on this computer can use it.</source>
        <translation>De server luistert alleen op 127.0.0.1: programma&apos;s op deze computer kunnen hem gebruiken.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="99"/>
        <source>Environment</source>
        <translation>Omgeving</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="100"/>
        <source>Editors and tools</source>
        <translation>Editors en hulpmiddelen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="105"/>
        <source>Snippet: %1</source>
        <translation>Fragment: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="69"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="72"/>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="73"/>
        <source>API key clients must send</source>
        <translation>API-sleutel die clients moeten meesturen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="74"/>
        <source>Make up an API key</source>
        <translation>Een API-sleutel verzinnen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="75"/>
        <source>Keep the server running after the app closes</source>
        <translation>De server laten draaien als de app sluit</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="76"/>
        <source>Start the server</source>
        <translation>De server starten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="77"/>
        <source>Stop the server</source>
        <translation>De server stoppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="78"/>
        <source>The server&apos;s address</source>
        <translation>Het adres van de server</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="79"/>
        <source>Copy the snippet shown</source>
        <translation>Het getoonde fragment kopiëren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="114"/>
        <source>&amp;Port:</source>
        <translation>&amp;Poort:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="114"/>
        <source>API &amp;key:</source>
        <translation>API-&amp;sleutel:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="123"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adres:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="173"/>
        <source>Starting the server (the model loads first)…</source>
        <translation>De server start (eerst wordt het model geladen)…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="187"/>
        <source>Loading %1 with %2 tokens of context and %3 GPU layers…</source>
        <translation>%1 wordt geladen met %2 tokens context en %3 GPU-lagen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="210"/>
        <source>Serving %1 at %2. Closing this window leaves it running: My models shows it, and its Stop serving button stops it.</source>
        <translation>%1 wordt aangeboden op %2. Als u dit venster sluit, blijft de server draaien: Mijn modellen toont hem, en de knop Aanbieden stoppen stopt hem.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="223"/>
        <source>The file has no chat template: it is prompted in the %1 format, as Try it does.</source>
        <translation>Het bestand heeft geen chatsjabloon: het wordt aangesproken in het %1-formaat, net als bij Uitproberen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="227"/>
        <source>The server did not start: %1</source>
        <translation>De server is niet gestart: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="245"/>
        <source>Stopping the server…</source>
        <translation>De server stopt…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/serve_dialog.py" line="252"/>
        <source>The server was stopped.</source>
        <translation>De server is gestopt.</translation>
    </message>
</context>
<context>
    <name>Serving</name>
    <message>
        <location filename="../../wizard_app/ui/serving.py" line="64"/>
        <source>%1: serving on %2</source>
        <translation>%1: aangeboden op %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="38"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="84"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="89"/>
        <source>empty: HF_TOKEN or huggingface-cli login</source>
        <translation>leeg: HF_TOKEN of huggingface-cli login</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="92"/>
        <source>Automatic (physical cores)</source>
        <translation>Automatisch (fysieke kernen)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="95"/>
        <source>What the use case needs</source>
        <translation>Wat de toepassing nodig heeft</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="100"/>
        <source>The system&apos;s language</source>
        <translation>De taal van het systeem</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="108"/>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="186"/>
        <source>Models folder</source>
        <translation>Modellenmap</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="109"/>
        <source>Choose the models folder</source>
        <translation>De modellenmap kiezen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="110"/>
        <source>Hugging Face Hub endpoint or mirror</source>
        <translation>Hugging Face Hub-adres of mirror</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="111"/>
        <source>Hugging Face access token</source>
        <translation>Hugging Face-toegangstoken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="112"/>
        <source>Threads for the model</source>
        <translation>Threads voor het model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="113"/>
        <source>Default context length</source>
        <translation>Standaard contextlengte</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="114"/>
        <source>Language of the app</source>
        <translation>Taal van de app</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="123"/>
        <source>&amp;Models folder:</source>
        <translation>&amp;Modellenmap:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="124"/>
        <source>Hub &amp;endpoint or mirror:</source>
        <translation>Hub-&amp;adres of mirror:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="125"/>
        <source>Access &amp;token:</source>
        <translation>&amp;Toegangstoken:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="126"/>
        <source>T&amp;hreads:</source>
        <translation>T&amp;hreads:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="127"/>
        <source>Default &amp;context:</source>
        <translation>Standaard&amp;context:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="128"/>
        <source>&amp;Language:</source>
        <translation>T&amp;aal:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="135"/>
        <source>The token is needed for gated models (accept the licence on the model&apos;s page first). It is kept in the settings file, readable only by you, and sent only to the endpoint above. A new language applies after a restart.</source>
        <translation>Het token is nodig voor afgeschermde modellen (accepteer eerst de licentie op de pagina van het model). Het staat in het instellingenbestand, alleen leesbaar voor u, en wordt alleen naar het adres hierboven gestuurd. Een nieuwe taal geldt na een herstart.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="47"/>
        <source>Version and llama.cpp backends</source>
        <translation>Versie en llama.cpp-backends</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="178"/>
        <source>none (llama.cpp is missing)</source>
        <translation>geen (llama.cpp ontbreekt)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/views/settings_dialog.py" line="179"/>
        <source>Open Model Wizard {version} · llama.cpp backends: {backends}</source>
        <translation>Open Model Wizard {version} · llama.cpp-backends: {backends}</translation>
    </message>
</context>
<context>
    <name>StartCommands</name>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="36"/>
        <source>The plan the commands follow</source>
        <translation>Het plan dat de opdrachten volgen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="39"/>
        <source>Warning about llama.cpp&apos;s RPC backend</source>
        <translation>Waarschuwing over de RPC-backend van llama.cpp</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="40"/>
        <source>Copy &amp;all commands</source>
        <translation>&amp;Alle opdrachten kopiëren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="41"/>
        <source>Copy all the commands to the clipboard</source>
        <translation>Alle opdrachten naar het klembord kopiëren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="92"/>
        <source>Start it on the other machine with %1 of context and %2 of %3 layers on its GPU, as estimated for the figures you gave.</source>
        <translation>Start het op de andere computer met %1 context en %2 van de %3 lagen op de GPU, zoals geschat voor de getallen die u gaf.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="104"/>
        <source>Get the model file (only the main host needs it)</source>
        <translation>Haal het modelbestand op (alleen de hoofdcomputer heeft het nodig)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="105"/>
        <source>Get the model file</source>
        <translation>Haal het modelbestand op</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="108"/>
        <source>Start rpc-server (llama.cpp built with -DGGML_RPC=ON), listening on this host&apos;s own address only</source>
        <translation>Start rpc-server (llama.cpp gebouwd met -DGGML_RPC=ON), alleen luisterend op het eigen adres van deze host</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="113"/>
        <source>Start llama-server with the other hosts&apos; devices</source>
        <translation>Start llama-server met de apparaten van de andere hosts</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="114"/>
        <source>Start llama-server</source>
        <translation>Start llama-server</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="115"/>
        <source>Use it from this app (Try it, Compare) and the command line</source>
        <translation>Gebruik het vanuit deze app (Uitproberen, Vergelijken) en de opdrachtregel</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="127"/>
        <source>this computer</source>
        <translation>deze computer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="129"/>
        <source>%1. On %2: %3</source>
        <translation>%1. Op %2: %3</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="145"/>
        <source>Command %1</source>
        <translation>Opdracht %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="146"/>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="147"/>
        <source>Copy command %1</source>
        <translation>Opdracht %1 kopiëren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="158"/>
        <source>Warning: llama.cpp&apos;s RPC backend is a proof of concept and insecure. rpc-server accepts any connection and runs what it is sent, with no authentication: run it only on a trusted network, never on an address reachable from the internet. The API key protects llama-server only.</source>
        <translation>Waarschuwing: de RPC-backend van llama.cpp is een proof of concept en onveilig. rpc-server accepteert elke verbinding en voert uit wat hij krijgt, zonder authenticatie: draai hem alleen op een vertrouwd netwerk, nooit op een adres dat vanaf internet bereikbaar is. De API-sleutel beschermt alleen llama-server.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="183"/>
        <source>%1 at %2 of context over %3 hosts: %4 needed on the devices, %5 usable.</source>
        <translation>%1 met %2 context over %3 hosts: %4 nodig op de apparaten, %5 bruikbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="193"/>
        <source>%1 on %2: layers %3%4, %5 of %6 free%7</source>
        <translation>%1 op %2: lagen %3%4, %5 van %6 vrij%7</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="198"/>
        <source> and the output</source>
        <translation> en de uitvoer</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="201"/>
        <source> (does not fit)</source>
        <translation> (past niet)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="212"/>
        <source>&lt;b&gt;Does not fit&lt;/b&gt;: choose a smaller context or quant, or add a host.</source>
        <translation>&lt;b&gt;Past niet&lt;/b&gt;: kies een kleinere context of quant, of voeg een host toe.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="216"/>
        <source>About %1 tokens/s; the slowest part is %2; the network adds %3 ms.</source>
        <translation>Ongeveer %1 tokens/s; het traagste deel is %2; het netwerk voegt %3 ms toe.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="222"/>
        <source>Speed unknown: give each host&apos;s GPU model or bandwidth.</source>
        <translation>Snelheid onbekend: geef van elke host het GPU-model of de bandbreedte.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="227"/>
        <source>The main host needs %1 of RAM (the token embeddings and the process).</source>
        <translation>De hoofdcomputer heeft %1 RAM nodig (de token-embeddings en het proces).</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/serving_commands.py" line="233"/>
        <source>Assumed: one request at a time; each device reads its layers&apos; weights at its memory bandwidth and the devices run in turn; each remote host adds a %1 ms round trip and the hidden state there and back over a %2 Gbit/s link.</source>
        <translation>Aangenomen: één verzoek tegelijk; elk apparaat leest de gewichten van zijn lagen met zijn geheugenbandbreedte en de apparaten werken om de beurt; elke host op afstand voegt een rondetijd van %1 ms toe en de verborgen toestand heen en terug over een verbinding van %2 Gbit/s.</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="44"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="45"/>
        <source>Mean rating</source>
        <translation>Gemiddelde beoordeling</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="46"/>
        <source>Wins</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="47"/>
        <source>Answers</source>
        <translation>Antwoorden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="48"/>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="49"/>
        <source>Speed (predicted)</source>
        <translation>Snelheid (voorspeld)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="50"/>
        <source>Prompt reading</source>
        <translation>Prompt lezen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="51"/>
        <source>First token</source>
        <translation>Eerste token</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="52"/>
        <source>Peak memory (predicted)</source>
        <translation>Piekgeheugen (voorspeld)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/comparisons.py" line="61"/>
        <source> (+%1 shared)</source>
        <translation> (+%1 gedeeld)</translation>
    </message>
</context>
<context>
    <name>TrialDialog</name>
    <message>
        <location filename="../../wizard_app/ui/views/library_view.py" line="56"/>
        <source>Try %1</source>
        <translation>%1 uitproberen</translation>
    </message>
</context>
<context>
    <name>TrialPanel</name>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="75"/>
        <source>Prompt presets</source>
        <translation>Voorbeeldprompts</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="77"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="78"/>
        <source>Type a prompt, or choose a preset above.</source>
        <translation>Typ een prompt, of kies hierboven een voorbeeld.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="87"/>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="88"/>
        <source>Longest answer in tokens</source>
        <translation>Langste antwoord in tokens</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="91"/>
        <source>&amp;Run</source>
        <translation>&amp;Uitvoeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="92"/>
        <source>Run the prompt (Ctrl+Return)</source>
        <translation>De prompt uitvoeren (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="93"/>
        <source>Run the prompt</source>
        <translation>De prompt uitvoeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="94"/>
        <source>S&amp;top</source>
        <translation>Stopp&amp;en</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="95"/>
        <source>Stop the answer</source>
        <translation>Het antwoord stoppen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="101"/>
        <source>The model&apos;s answer</source>
        <translation>Het antwoord van het model</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="106"/>
        <source>Pr&amp;eset:</source>
        <translation>Voor&amp;beeld:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="111"/>
        <source>&amp;Longest answer:</source>
        <translation>&amp;Langste antwoord:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="145"/>
        <source>Your own prompt</source>
        <translation>Uw eigen prompt</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="157"/>
        <source>What to look for: %1</source>
        <translation>Waar u op let: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="208"/>
        <source>Starting the model…</source>
        <translation>Het model starten…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="213"/>
        <source>Choose a model on the server first.</source>
        <translation>Kies eerst een model op de server.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="233"/>
        <source>Asking %1…</source>
        <translation>%1 wordt gevraagd…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="251"/>
        <source>Stopping…</source>
        <translation>Stoppen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="279"/>
        <source>Answering…</source>
        <translation>Bezig met antwoorden…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="284"/>
        <source>Loading the model…</source>
        <translation>Het model laden…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="287"/>
        <source>Loading the model… %1%</source>
        <translation>Het model laden… %1%</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="290"/>
        <source>Reading the prompt…</source>
        <translation>De prompt lezen…</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="326"/>
        <source>The run failed: %1</source>
        <translation>Het uitvoeren is mislukt: %1</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="330"/>
        <source>Done.</source>
        <translation>Klaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/widgets/trial_panel.py" line="334"/>
        <source>Stopped.</source>
        <translation>Gestopt.</translation>
    </message>
</context>
<context>
    <name>TryItPage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/try_it.py" line="16"/>
        <source>Try it</source>
        <translation>Uitproberen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/try_it.py" line="30"/>
        <source>The model runs here, in its own process. Your prompts stay on this machine.</source>
        <translation>Het model draait hier, in een eigen proces. Uw prompts blijven op deze computer.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/try_it.py" line="35"/>
        <source>The model runs on the server %1: your prompts are sent to it.</source>
        <translation>Het model draait op de server %1: uw prompts worden daarheen gestuurd.</translation>
    </message>
</context>
<context>
    <name>UpgradeModel</name>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="146"/>
        <source>Upgrade</source>
        <translation>Uitbreiding</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="147"/>
        <source>Price</source>
        <translation>Prijs</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="148"/>
        <source>Best model then</source>
        <translation>Beste model dan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="149"/>
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="150"/>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/models/recommendations.py" line="157"/>
        <source>%1 USD</source>
        <translation>%1 USD</translation>
    </message>
</context>
<context>
    <name>UseCase</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="17"/>
        <source>Chat and everyday questions</source>
        <translation>Chatten en alledaagse vragen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="18"/>
        <source>An assistant for questions, advice, planning and writing.</source>
        <translation>Een assistent voor vragen, advies, planning en schrijven.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="21"/>
        <source>Coding</source>
        <translation>Programmeren</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="22"/>
        <source>Write, explain and review code.</source>
        <translation>Code schrijven, uitleggen en nakijken.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="25"/>
        <source>Maths</source>
        <translation>Wiskunde</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="26"/>
        <source>Step-by-step calculations and word problems.</source>
        <translation>Stap-voor-stap berekeningen en redactiesommen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="29"/>
        <source>Medical questions</source>
        <translation>Medische vragen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="30"/>
        <source>Health information for reading up; never a replacement for a doctor.</source>
        <translation>Gezondheidsinformatie om u in te lezen; nooit een vervanging voor een arts.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="35"/>
        <source>Summarising</source>
        <translation>Samenvatten</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="36"/>
        <source>Turn long texts, notes and articles into short ones.</source>
        <translation>Maak lange teksten, aantekeningen en artikelen kort.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="39"/>
        <source>Creative writing</source>
        <translation>Creatief schrijven</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="40"/>
        <source>Stories, poems and playful text.</source>
        <translation>Verhalen, gedichten en speelse tekst.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="43"/>
        <source>Reasoning and puzzles</source>
        <translation>Redeneren en puzzels</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="44"/>
        <source>Logic, planning and problems that need thinking through.</source>
        <translation>Logica, planning en problemen die doordenken vragen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="47"/>
        <source>Other languages and translation</source>
        <translation>Andere talen en vertalen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="48"/>
        <source>Work in or between languages other than English.</source>
        <translation>Werken in of tussen andere talen dan het Engels.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="51"/>
        <source>Research and other domains</source>
        <translation>Onderzoek en andere vakgebieden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="52"/>
        <source>Comparing approaches, planning studies, specialist topics.</source>
        <translation>Aanpakken vergelijken, studies plannen, specialistische onderwerpen.</translation>
    </message>
</context>
<context>
    <name>UseCasePage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="27"/>
        <source>What will you use the model for?</source>
        <translation>Waarvoor gaat u het model gebruiken?</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="28"/>
        <source>The recommendation weighs published results for this use.</source>
        <translation>De aanbeveling weegt gepubliceerde resultaten voor dit gebruik.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="30"/>
        <source>Use case</source>
        <translation>Toepassing</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="41"/>
        <source>Language the model must speak</source>
        <translation>Taal die het model moet spreken</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="42"/>
        <source>Any (English is fine)</source>
        <translation>Maakt niet uit (Engels is goed)</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="46"/>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="49"/>
        <source>Only &amp;fully open models</source>
        <translation>Alleen volle&amp;dig open modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="50"/>
        <source>Only fully open models</source>
        <translation>Alleen volledig open modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="53"/>
        <source>Training data, weights, evaluation code, fine-tuning code and training metrics all public.</source>
        <translation>Trainingsdata, gewichten, evaluatiecode, code voor fijnafstemming en trainingsmetingen allemaal openbaar.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="58"/>
        <source>&amp;Language:</source>
        <translation>T&amp;aal:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="60"/>
        <source>Li&amp;cence:</source>
        <translation>&amp;Licentie:</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/use_case.py" line="66"/>
        <source>&amp;Use case:</source>
        <translation>T&amp;oepassing:</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="58"/>
        <source>Fits on GPU</source>
        <translation>Past op de GPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="59"/>
        <source>The whole model fits in GPU memory: the fastest way.</source>
        <translation>Het hele model past in het GPU-geheugen: de snelste manier.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="62"/>
        <source>Split GPU/CPU</source>
        <translation>Verdeeld GPU/CPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="63"/>
        <source>Part of the model runs on the GPU, the rest from system memory.</source>
        <translation>Een deel van het model draait op de GPU, de rest vanuit het werkgeheugen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="68"/>
        <source>CPU only</source>
        <translation>Alleen CPU</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="69"/>
        <source>Runs from system memory on the processor.</source>
        <translation>Draait vanuit het werkgeheugen op de processor.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="72"/>
        <source>Too big</source>
        <translation>Te groot</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/labels.py" line="73"/>
        <source>Needs more memory than this machine has available.</source>
        <translation>Heeft meer geheugen nodig dan deze computer beschikbaar heeft.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="23"/>
        <source>Find an open model that runs on your machine</source>
        <translation>Vind een open model dat op uw computer draait</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="26"/>
        <source>This wizard asks what you want to do with a language model, reads your hardware and budget, and recommends open-weight models that fit, with the reasons. It then downloads the one you choose and lets you try it here.</source>
        <translation>Deze wizard vraagt wat u met een taalmodel wilt doen, leest uw hardware en budget, en beveelt modellen met open gewichten aan die passen, met de redenen. Daarna downloadt hij het model dat u kiest en kunt u het hier uitproberen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="33"/>
        <source>&lt;b&gt;Nothing leaves this machine&lt;/b&gt; except the model downloads themselves: your answers, your hardware and your prompts stay here.</source>
        <translation>&lt;b&gt;Niets verlaat deze computer&lt;/b&gt; behalve de modeldownloads zelf: uw antwoorden, uw hardware en uw prompts blijven hier.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="40"/>
        <source>&amp;My models</source>
        <translation>&amp;Mijn modellen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="41"/>
        <source>Open my models</source>
        <translation>Mijn modellen openen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="42"/>
        <source>Models already on this machine</source>
        <translation>Modellen die al op deze computer staan</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="43"/>
        <source>&amp;History</source>
        <translation>&amp;Geschiedenis</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="44"/>
        <source>Open the history</source>
        <translation>De geschiedenis openen</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="45"/>
        <source>Earlier answers and what they produced</source>
        <translation>Eerdere antwoorden en wat ze opleverden</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="52"/>
        <source>Press &lt;b&gt;Next&lt;/b&gt; to start.</source>
        <translation>Druk op &lt;b&gt;Volgende&lt;/b&gt; om te beginnen.</translation>
    </message>
    <message>
        <location filename="../../wizard_app/ui/wizard/pages/welcome.py" line="55"/>
        <source>Open Model Wizard logo</source>
        <translation>Logo van Open Model Wizard</translation>
    </message>
</context>
</TS>

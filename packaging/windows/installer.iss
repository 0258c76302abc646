; Inno Setup script: wraps dist\OpenModelWizard (from packaging\build.py) in an installer.
; Build on Windows with:  set MODEL_WIZARD_VERSION=0.1.0 && iscc packaging\windows\installer.iss
; Per-user: installs under %LOCALAPPDATA%\Programs without administrator rights (a user
; may still choose an all-users install in the dialog, which then asks for them).
#define AppVersion GetEnv("MODEL_WIZARD_VERSION")
#if AppVersion == ""
  #define AppVersion "0.0.0"
#endif
[Setup]
AppId={{6C1F3E52-8B7A-4D1E-9C55-0F3B7E2A9D41}
AppName=Open Model Wizard
AppVersion={#AppVersion}
AppVerName=Open Model Wizard {#AppVersion}
AppPublisher=Open Model Wizard
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Open Model Wizard
DefaultDirName={autopf}\Open Model Wizard
DefaultGroupName=Open Model Wizard
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=OpenModelWizard-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\Open Model Wizard.exe
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Files]
; The folder carries vcomp140.dll (OpenMP, for llama.dll) in _internal\llama_cpp\lib.
Source: "..\..\dist\OpenModelWizard\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
; "Open Model Wizard.exe" is the windowed build of the app (no console window);
; model-wizard.exe, beside it, is the command line.
Name: "{autoprograms}\Open Model Wizard"; Filename: "{app}\Open Model Wizard.exe"
Name: "{autodesktop}\Open Model Wizard"; Filename: "{app}\Open Model Wizard.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\Open Model Wizard.exe"; Description: "{cm:LaunchProgram,Open Model Wizard}"; Flags: nowait postinstall skipifsilent

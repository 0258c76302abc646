; Inno Setup script: wraps dist\OpenModelWizard (from packaging\build.py) in an installer.
; Build on Windows with:  iscc packaging\windows\installer.iss
#define AppVersion GetEnv("MODEL_WIZARD_VERSION")
[Setup]
AppName=Open Model Wizard
AppVersion={#AppVersion}
AppPublisher=Open Model Wizard
DefaultDirName={autopf}\Open Model Wizard
DefaultGroupName=Open Model Wizard
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=OpenModelWizard-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Files]
Source: "..\..\dist\OpenModelWizard\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Open Model Wizard"; Filename: "{app}\model-wizard.exe"
Name: "{autodesktop}\Open Model Wizard"; Filename: "{app}\model-wizard.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\model-wizard.exe"; Description: "{cm:LaunchProgram,Open Model Wizard}"; Flags: nowait postinstall skipifsilent

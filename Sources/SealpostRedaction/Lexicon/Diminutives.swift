/// Formal names and their common short forms, written for this project. Each line is
/// `formal names : short forms`. A formal name reaches every short form on its line; a short
/// form reaches only the formal names.
enum Diminutives {
    static let groups = """
        william: will bill billy willy willie liam wills
        robert: rob bob bobby robbie bert robby
        richard: rich rick ricky dick richie
        james: jim jimmy jamie jimbo jay
        john: johnny jack jon
        jonathan: jon jonny johnny
        michael: mike mick micky mickey mikey
        thomas: tom tommy thom
        joseph: joe joey jo
        elizabeth: liz lizzie lizzy beth betty bet eliza libby elsie lisa liza bess bessie
        katherine catherine kathryn katharine kathleen: kate katie kath cathy kathy kat katy kitty cat
        margaret: maggie meg peggy marge margie greta rita madge
        alexander: alex alec al sandy xander lex
        alexandra: alex alexa sandra lexi sasha ally
        andrew: andy drew
        anthony: tony ant
        benjamin: ben benny benji
        charles: charlie chas chuck chaz
        christopher: chris kit topher
        daniel: dan danny
        david: dave davey davy
        edward: ed eddie ted teddy ned
        francis: frank frankie fran
        frances: fran frankie
        frederick: fred freddie freddy
        gregory: greg
        henry: harry hal hank
        harold: harry hal
        jacob: jake
        joshua: josh
        kenneth: ken kenny
        lawrence laurence: larry laurie
        leonard: len lenny leo
        matthew: matt matty
        nicholas: nick nicky nico
        patrick: pat paddy
        peter: pete
        philip phillip: phil pip
        raymond: ray
        ronald: ron ronnie
        samuel: sam sammy
        stephen steven: steve stevie
        susan suzanne: sue susie suzy suzie
        timothy: tim timmy
        victoria: vicky vicki tori vic
        rebecca: becky becca bex
        deborah: debbie deb debs
        jennifer: jen jenny jenna
        jessica: jess jessie
        samantha: sam sammy
        abigail: abi abby abbie gail
        amanda: mandy
        barbara: babs barb
        christine christina: chris chrissy tina kirsty
        dorothy: dot dotty dolly
        eleanor helen helena: nell nellie ellie ella nora lena
        isabella isabel isabelle: izzy bella issy belle
        jacqueline: jackie jacqui
        josephine: jo josie
        kimberley kimberly: kim
        madeleine madeline: maddie maddy
        natalie natasha: nat tash tasha
        nicola nicole: nicky nikki nic
        pamela: pam
        patricia: pat patty trish tricia
        penelope: penny
        rosemary rosalind: rose rosie ros
        sarah: sal sally sadie
        teresa theresa: tess tessa terri
        valerie: val
        zachary: zach zack zak
        mohammed muhammad mohammad mohamed muhammed: mo moe
        oluwaseun: seun
        olufemi oluwafemi: femi
        babatunde: tunde
        oluwatobi: tobi
        temitope: temi tope
        adebayo: bayo
        chukwuemeka: emeka
        katarzyna: kasia
        malgorzata: gosia
        wojciech: wojtek
        jakub: kuba
        agnieszka: aga
        magdalena: magda
        aleksandra: ola
        albert: al bert bertie
        alfred: alf alfie fred
        archibald: archie
        arthur: art artie
        herbert: herb bert
        jeremy: jerry jez
        gerald gerard: gerry ged
        geoffrey jeffrey: geoff jeff
        douglas: doug dougie
        donald: don donny
        malcolm: mal
        matilda mathilda: tilly tilda
        nathaniel nathan: nate nat
        oliver: ollie olly
        olivia: liv livvy
        sebastian: seb
        terence: terry tel
        walter: walt wally
        wilfred: wilf
        stuart stewart: stu
        cameron: cam
        callum: cal
        dominic: dom
        gabriel: gabe
        maximilian maxwell: max
        theodore: theo
        tobias: toby
        joanna joanne: jo
        louise louisa: lou
        caroline: caz carrie caro
        charlotte: lottie charlie
        emily: em emmy
        emma: em
        amelia: millie mia
        georgina georgia: gina
        gillian: gill jill
        harriet: hattie
        jemima: jem
        philippa: pip pippa
        veronica: ronnie
        kevin: kev
        kieran: kez
        dean: deano
        darren: daz
        gary: gaz
        barry: baz
        sharon: shaz
        tracey tracy: trace
        """
}

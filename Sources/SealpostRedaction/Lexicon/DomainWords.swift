/// Words of safeguarding, health, police, school, housing and online life that a general English
/// list lacks (abbreviations, clinical and legal terms, service words, text-speak), written for this
/// project from the vocabulary of UK referrals, not from any record. With `BroadEnglish` they are
/// what `BroadVocabulary` accounts for: a word here is never reported as an unknown word.
///
/// Invariant: no entry is a given name or surname in ordinary use (those stay with the name rules);
/// every entry is lowercase ASCII as the tokenizer folds it (apostrophes dropped).
enum DomainWords {
    /// Safeguarding, social care, police and court.
    static let care = """
        oic iic sio dci dsu pc pcs sgt insp mol nmo dod tbc tba nfa recd reqd req att enc fwd bcc mgr asst supv
        mcg mls mgs kgs hrs mins secs wks mths yrs yo yos sib sibs poss approx meds til tel mob ref refs rec
        ceop iwf ncmec cert certs rota rotas naturopath homeopath surrogacy surrogate owie owies ouchie
        safeguarding safeguarded safeguard dsl ddsl dslt mash csc cin cla lac cp cpp icpc rcpc pep peps marac idva
        idvas isva isvas mappa cse cce cme fgm lado ewo esw ppn ppns vpn vpns vpp pnc cad cid cps cpo cpn dash
        dvpn dvpo dvpos nmo nmos fmpo fmpos sgo sgos plo echr mosaic liquidlogic eclipse strategy strategies
        sec caseworker caseworkers keyworker keyworkers childminder childminders childminding
        sleepover sleepovers kinship foster fostering fosterer carers careleaver careleavers pathway pathways
        cuckooing cuckooed county lines sextortion sexting groomed grooming groomer exploiter exploiters trafficked
        trafficking nrm nrms modern slavery honour based abuse coercive coercion controlling stalking stalker
        stalkers strangulation nfs non fatal harassment occurrence occurrences disclosure disclosures
        undisclosed nfa rui bail bailed remand remanded custody custodial yot yos yjs iss yro yros cbo cbos
        asbo asbos cpn cpns pcso pcsos dc dcs ds dss dcis ppu mosovo vrr dvdr
        stepdad stepdads stepmum stepmums stepfather stepmother stepbrother stepsister stepsiblings halfbrother
        halfsister grandad grandads grandparent grandparents nan nans nana nanna gran granny grandma grandmas
        grandpa mam mams mammy mum mums mummy dad dads daddy bf gf ex exes fella missus hubby
        """

    /// Health, hospital and early years.
    static let health = """
        gp gps ae hv hvs hvs mw mws nnu scbu nicu picu paeds paediatric paediatrics paediatrician obs neuro neuros
        gcs avpu rr hr bp sats temp resps resp ecg ct mri xray xrays ultrasound centile centiles perinatal
        antenatal postnatal postpartum neonatal neonate neonates primip multip gestation booking triage triaged
        ambulance paramedic paramedics hpc pmh dh sh fh oe imp mx plan obs haematoma haematomas
        bruising petechiae petechial frenulum frenula torn fontanelle parietal occipital temporal frontal
        subdural retinal skeletal survey fracture fractures spiral metaphyseal buckle greenstick laceration
        lacerations abrasion abrasions contusion contusions scald scalds scalded burn burns cigarette ligature
        overdose overdosed od ods paracetamol ibuprofen sertraline fluoxetine citalopram mirtazapine quetiapine
        olanzapine risperidone aripiprazole methadone buprenorphine subutex naloxone tramadol codeine diazepam
        pregabalin gabapentin melatonin ritalin methylphenidate atomoxetine calpol ventolin salbutamol inhaler
        inhalers epipen epipens nitrous balloons spice mamba ket mdma coke weed skunk crack smack vape vapes
        vaping nos camhs cahms ldt cmht crht ehcp ehcps senco sendco semh sen send ota salt slt physio physios
        ot ots hcp hcps eyfs fsm nursery nurseries keyperson twoyearold asq pnd pnds anc pnc mmr dtap bcg
        immunisation immunisations immunised vaccinations weaning formula bottles nappy nappies nappyrash
        colic reflux jaundice thrush eczema impetigo nits headlice scabies enuresis encopresis soiling
        selfharm selfharming suicidality ideation psychosis psychotic bipolar adhd asd autistic pda ocd ptsd
        cptsd eupd bpd dyslexia dyspraxia dyscalculia globaldelay gdd sld mld pmld ld lds
        """

    /// School, housing, benefits, places of a referral and online life.
    static let life = """
        cpoms myconcern arbor classcharts edulink ofsted gcse gcses alevel alevels btec btecs nvq esol eal
        sats yr yrs reception pshe rse re pe
        dt ict hoy hoys slt smt lsa lsas ta tas tutor tutors pastoral isolation exclusion exclusions excluded
        fte ftes pex suspension suspensions ap pru prus ehe elective attendance persistent absence
        hmo hmos ta tenancy tenancies tenant tenants landlord landlords landlady asb asbs cbo hb uc
        esa pip dla jsa dwp hmrc nass asylum asylums uasc uascs brp brps ilr nrpf homeoffice refuge refuges
        hostel hostels bnb bandb supported lodgings sofa surfing sofasurfing rough sleeper sleepers
        damp mould mouldy disrepair infestation infested cockroaches bedbugs hoarding hoarder
        whatsapp snapchat snap snaps snapped snapping snapstreak tiktok tiktoks insta instagram facebook fb
        messenger youtube youtuber discord telegram twitch roblox fortnite minecraft xbox playstation
        onlyfans vinted depop omegle wizz yubo kik grindr tinder hinge bumble reddit twitter tweet tweets dm
        dms dmd dming pm pms pmd selfie selfies nudes nude pics pic vid vids vlog vlogs vlogger streamer stream
        streams livestream groupchat groupchats gc gcs story stories emoji emojis gif gifs meme memes reels
        online offline app apps wifi bluetooth airdrop airdropped screenshot screenshots screenshotted
        chippy offy offie corner shop takeaway kebab shisha barbers nails tanning tattoo tattoos
        """

    /// Text-speak, hesitations, dialect and spoken fillers, and common foreign words of address or faith.
    static let speech = """
        lol lmao omg idk tbh ngl smh ffs wtf btw imo irl fyi asap rn atm tmrw tmw tmoz
        u ur ya yer yous youse ye thx pls plz plez ppl cuz coz cos bcos becos
        becuz bcoz bc wiv wen wat wot nuffin nothin sumthin somethin nuthin goin gonna wanna gotta dunno innit
        aint tho thru luv hun babe bae bro bruv fam blud sis cuz mate mates lad lads lass lasses bairn bairns
        wee aye nae dinnae cannae wouldnae yeah yea yep yup nah nope naw er erm um umm uh uhh hmm mm mmm
        ah ahh oh ooh eh huh ok okay okk k kk hiya hey hi bye cya ta cheers sorry soz sozz mum mam ma
        mama baba kaka dada abba ammi ammu amma appa nani dadi nana chacha chachi mamu khala phuppo
        phupho bhai bhaiya apa api baji didi bhabhi beta beti uncleji auntyji aunty auntie ji sahib sahab
        nite tonite lite rite gud hav hve ther thier dat dis dem dey bout abt rly rlly realy wer luvs hunni
        owt nowt summat aught naught nobbut reet mardy mither mithering gobby chuffed skint minging bladdered
        kno knw wud cud shud wld cld shld coulda woulda shoulda sry srry plss pleasee urs yh ye ofc obvs deffo
        defo prob probs hmu wyd wbu lmk ikr jk fr frfr ong bruh innit sayin doin goin nothin somethin
        com org net gov nhs www http https html htm php uk co ac sch
        ysgol ysbyty canolfan meithrin cylch ffordd heol stryd
        inshallah mashallah alhamdulillah wallahi wallah haram halal hijab niqab abaya jilbab masjid mosque
        madrassa madrasa imam ummah nikah mahr eid ramadan iftar suhoor gurdwara mandir temple puja diwali
        """

    /// All of them, one word at a time.
    static var all: [Substring] {
        (care + " " + health + " " + life + " " + speech).split(whereSeparator: { $0 == " " || $0 == "\n" })
    }
}
